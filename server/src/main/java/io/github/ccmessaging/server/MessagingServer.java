package io.github.ccmessaging.server;

import io.github.ccmessaging.server.channel.Channel;
import io.github.ccmessaging.server.channel.ChannelRegistry;
import io.github.ccmessaging.server.http.H2cUpgradeRefusal;
import io.github.ccmessaging.server.http.HttpLimits;
import io.github.ccmessaging.server.store.ConversationStore;
import io.github.ccmessaging.server.store.InMemoryConversationStore;
import io.github.ccmessaging.server.store.MessageIdClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/** A running server: Jersey on Grizzly, serving the application of {@link MessagingApp#createApp}. */
public final class MessagingServer implements AutoCloseable {
    /** Request threads for a database store unless told otherwise: enough for a full group commit under load. */
    public static final int DEFAULT_WORKER_THREADS = 32;

    /**
     * Request threads for the in-memory store, where no request waits: two per core, Grizzly's own default. More
     * threads than that only add context switches.
     */
    public static int inMemoryWorkerThreads() {
        return 2 * Runtime.getRuntime().availableProcessors();
    }
    private final HttpServer http;
    private final URI baseUri;

    private MessagingServer(HttpServer http, URI baseUri) {
        this.http = http;
        this.baseUri = baseUri;
    }

    /** Starts a server with an in-memory store on the settings' host and port (port 0: a free one). */
    public static MessagingServer start(ServerSettings settings) {
        Clock clock = Clock.systemUTC();
        return start(settings, new InMemoryConversationStore(new MessageIdClock(clock)), clock);
    }

    public static MessagingServer start(ServerSettings settings, ConversationStore store, Clock clock) {
        return start(settings, store, clock, HttpLimits.defaults());
    }

    public static MessagingServer start(ServerSettings settings, ConversationStore store, Clock clock,
                                        HttpLimits limits) {
        ChannelRegistry channels = new ChannelRegistry(
                new Channel(settings.channelId(), settings.organizationId(), settings.token()));
        return start(settings.host(), settings.port(),
                MessagingApp.createApp(channels, store, clock, settings.jwt(), limits));
    }

    /** Serves an application built by {@link MessagingApp#createApp} on the given host and port (0: a free one). */
    public static MessagingServer start(String host, int port, ResourceConfig app) {
        return start(host, port, app, DEFAULT_WORKER_THREADS);
    }

    /**
     * Serves the application with {@code workerThreads} request threads. A request that writes waits for its commit,
     * and the embedded store commits the writes that wait together in one transaction, so more waiting threads mean
     * fewer disk flushes per activity; Grizzly's default (two per core) would cap a commit at a handful of writes.
     */
    public static MessagingServer start(String host, int port, ResourceConfig app, int workerThreads) {
        URI bindUri = URI.create("http://" + host + ":" + port + "/");
        HttpServer http = GrizzlyHttpServerFactory.createHttpServer(bindUri, app, false);
        for (NetworkListener listener : http.getListeners()) {
            listener.registerAddOn(new H2cUpgradeRefusal());
            listener.getTransport().setWorkerThreadPoolConfig(ThreadPoolConfig.defaultConfig()
                    .setPoolName("grizzly-http-server").setCorePoolSize(workerThreads).setMaxPoolSize(workerThreads));
        }
        try {
            http.start();
        } catch (IOException e) {
            http.shutdownNow();
            throw new UncheckedIOException("Cannot listen on " + bindUri, e);
        }
        return new MessagingServer(http, URI.create("http://" + host + ":" + http.getListeners().iterator().next().getPort()));
    }

    /** Where the server listens, e.g. {@code http://127.0.0.1:8080}, without a trailing slash. */
    public URI baseUri() {
        return baseUri;
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}
