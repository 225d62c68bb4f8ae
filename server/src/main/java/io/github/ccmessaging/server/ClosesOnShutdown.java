package io.github.ccmessaging.server;

import org.glassfish.jersey.server.spi.Container;
import org.glassfish.jersey.server.spi.ContainerLifecycleListener;

/** Closes what the application started (the webhook dispatcher's threads) when its container shuts down. */
final class ClosesOnShutdown implements ContainerLifecycleListener {
    private final AutoCloseable resource;

    ClosesOnShutdown(AutoCloseable resource) {
        this.resource = resource;
    }

    @Override
    public void onStartup(Container container) {
    }

    @Override
    public void onReload(Container container) {
    }

    @Override
    public void onShutdown(Container container) {
        try {
            resource.close();
        } catch (Exception e) {
            throw new IllegalStateException("Could not close " + resource, e);
        }
    }
}
