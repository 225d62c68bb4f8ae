package io.github.ccmessaging.server;

import io.github.ccmessaging.server.channel.Channel;
import io.github.ccmessaging.server.channel.ChannelRegistry;
import io.github.ccmessaging.server.http.H2cUpgradeRefusal;
import io.github.ccmessaging.server.auth.JwtSettings;
import io.github.ccmessaging.server.http.HttpLimits;
import io.github.ccmessaging.server.http.SelectorThreadHandler;
import io.github.ccmessaging.server.store.CommitWait;
import io.github.ccmessaging.server.store.ConversationStore;
import io.github.ccmessaging.server.store.InMemoryConversationStore;
import io.github.ccmessaging.server.store.MessageIdClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.ServerConfiguration;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/** A running server: Jersey on Grizzly, serving the application of {@link MessagingApp#createApp}. */
public final class MessagingServer implements AutoCloseable {
    /** Request threads for a store whose writes hold them until they commit: enough for a full commit under load. */
    public static final int DEFAULT_WORKER_THREADS = 32;

    /**
     * Passed as the number of request threads: serve each request on the Grizzly selector thread that read it, with
     * no hand-off to a request thread. Only for applications where no request blocks.
     */
    public static final int SELECTOR_THREADS = 0;

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
     * The request threads that suit a server's store: when each write holds its thread until it commits (PostgreSQL),
     * {@link #DEFAULT_WORKER_THREADS} threads let many writes share one commit; when creates and sends are answered from
     * the store's own threads once committed (the embedded store), one thread per core, since more would only take
     * turns on the cores; in memory nothing waits, so requests are served on the selector threads
     * ({@link #SELECTOR_THREADS}) — unless JWTs are checked against a JWKS URL, whose fetch blocks, and then two
     * threads per core, Grizzly's default.
     */
    public static int requestThreads(CommitWait commitWait, JwtSettings jwt) {
        int cores = Runtime.getRuntime().availableProcessors();
        return switch (commitWait) {
            case BLOCKING -> DEFAULT_WORKER_THREADS;
            case ASYNC -> cores;
            case NONE -> jwt != null && jwt.jwksUrl() != null ? 2 * cores : SELECTOR_THREADS;
        };
    }

    /**
     * Serves the application with {@code workerThreads} request threads ({@link #SELECTOR_THREADS}: on the selector
     * threads); {@link #requestThreads} says how many suit a store.
     */
    public static MessagingServer start(String host, int port, ResourceConfig app, int workerThreads) {
        URI bindUri = URI.create("http://" + host + ":" + port + "/");
        HttpServer http = GrizzlyHttpServerFactory.createHttpServer(bindUri, app, false);
        if (workerThreads == SELECTOR_THREADS) {
            ServerConfiguration configuration = http.getServerConfiguration();
            Map.copyOf(configuration.getHttpHandlersWithMapping()).forEach((handler, mapping) -> {
                configuration.removeHttpHandler(handler);
                configuration.addHttpHandler(new SelectorThreadHandler(handler), mapping);
            });
        }
        for (NetworkListener listener : http.getListeners()) {
            listener.registerAddOn(new H2cUpgradeRefusal());
            if (workerThreads != SELECTOR_THREADS) {
                listener.getTransport().setWorkerThreadPoolConfig(ThreadPoolConfig.defaultConfig()
                        .setPoolName("grizzly-http-server").setCorePoolSize(workerThreads).setMaxPoolSize(workerThreads));
            }
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
