package io.github.ccmessaging.server;

import java.util.List;
import org.glassfish.jersey.server.spi.Container;
import org.glassfish.jersey.server.spi.ContainerLifecycleListener;

/**
 * Closes what the application started (the webhook dispatcher's threads, the JVM meters' listeners) when its container
 * shuts down, in order, each even when one before it failed.
 */
final class ClosesOnShutdown implements ContainerLifecycleListener {
    private final List<AutoCloseable> resources;

    ClosesOnShutdown(AutoCloseable... resources) {
        this.resources = List.of(resources);
    }

    @Override
    public void onStartup(Container container) {
    }

    @Override
    public void onReload(Container container) {
    }

    @Override
    public void onShutdown(Container container) {
        IllegalStateException failure = null;
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("Could not close " + resource, e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
