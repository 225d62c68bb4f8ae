package io.github.ccmessaging.server;

import io.github.ccmessaging.server.auth.JwtSettings;
import io.github.ccmessaging.server.channel.Channel;
import io.github.ccmessaging.server.channel.ChannelRegistry;
import io.github.ccmessaging.server.auth.Authenticator;
import io.github.ccmessaging.server.fault.FaultRules;
import io.github.ccmessaging.server.fault.FaultingHandler;
import io.github.ccmessaging.server.http.BearerTokenFilter;
import io.github.ccmessaging.server.fastpath.FastPath;
import io.github.ccmessaging.server.http.H2cUpgradeRefusal;
import io.github.ccmessaging.server.http.JerseyHandler;
import io.github.ccmessaging.server.http.ObjectMapperProvider;
import io.github.ccmessaging.server.http.WholeBodies;
import io.github.ccmessaging.server.journal.RequestJournal;
import io.github.ccmessaging.server.logging.FrameworkLogs;
import io.github.ccmessaging.server.store.CommitWait;
import io.github.ccmessaging.server.store.MessageIdClock;
import io.github.ccmessaging.server.store.OpeningStore;
import io.github.ccmessaging.server.store.StoreOpeningFailure;
import io.github.ccmessaging.server.stream.EventStreams;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import java.util.function.Function;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.ServerConfiguration;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * A running server: the one way to start one, for {@code java -jar}, every test and embedding code alike. From the
 * {@link ServerSettings} it opens the store (on a thread of its own while Jersey starts), chooses the request threads
 * that suit the store and serves the Jersey application on Grizzly. Closing it stops the server and closes the store.
 *
 * <pre>{@code
 * try (MessagingServer server = MessagingServer.start(ServerSettings.builder().port(0).build())) {
 *     // call server.baseUri() with the development channel's headers; server.reset() between tests
 * }
 * }</pre>
 */
public final class MessagingServer implements AutoCloseable {
    /** Request threads for a store whose writes hold them until they commit: enough for a full commit under load. */
    static final int BLOCKING_STORE_THREADS = 32;

    private final HttpServer http;
    private final URI baseUri;
    private final OpeningStore store;
    private final ChannelRegistry channels;
    private final WholeBodies bodies;
    private final EventStreams streams;
    private final FaultRules faults;
    private final RequestJournal journal;

    private MessagingServer(HttpServer http, URI baseUri, OpeningStore store, ChannelRegistry channels,
                            WholeBodies bodies, EventStreams streams, FaultRules faults, RequestJournal journal) {
        this.http = http;
        this.baseUri = baseUri;
        this.store = store;
        this.channels = channels;
        this.bodies = bodies;
        this.streams = streams;
        this.faults = faults;
        this.journal = journal;
    }

    /**
     * Starts a server and returns once it answers requests.
     *
     * @throws ServerStartException when it cannot listen on the host and port, or its store cannot be opened
     */
    public static MessagingServer start(ServerSettings settings) {
        checkBeforeOpening(settings);
        FrameworkLogs.quiet();
        OpeningStore store = OpeningStore.start(() -> settings.store().open(new MessageIdClock(settings.clock())));
        ChannelRegistry channels = new ChannelRegistry(store.registeredChannels(),
                settings.channels().toArray(Channel[]::new));
        ObjectMapperProvider mappers = new ObjectMapperProvider();
        WholeBodies bodies = new WholeBodies(settings.limits(), bodyBudget(settings.limits().maxBodyBytes()),
                settings.requestLog(), mappers.getContext(Object.class));
        EventStreams streams = new EventStreams(mappers.getContext(Object.class), settings.fastPath());
        BearerTokenFilter authentication = new BearerTokenFilter(channels, Authenticator.of(settings.jwt()));
        FaultRules faults = new FaultRules();
        // the journal lists requests at /emulator/requests: without the emulator nobody could read it
        RequestJournal journal = new RequestJournal(settings.emulator() ? settings.journalSize() : 0);
        FastPath fastPath = new FastPath(settings.fastPath());
        HttpServer http;
        try {
            ResourceConfig app = MessagingApp.createApp(settings, store, channels, mappers, streams, authentication,
                    faults, journal, fastPath);
            http = listen(settings, app, bodies, fastPath, handler -> new FaultingHandler(handler, faults,
                    authentication, journal, mappers.getContext(Object.class), settings.clock(), settings.requestLog()));
            MessagingApp.modelChecked();
        } catch (RuntimeException e) {
            streams.close();
            bodies.close();
            store.close();
            throw e;
        }
        try {
            store.opened();
        } catch (RuntimeException e) {
            http.shutdownNow();
            bodies.close();
            store.close();
            throw new ServerStartException(e instanceof StoreOpeningFailure ? e.getMessage()
                    : "The store could not be opened: " + e.getMessage(), e);
        }
        URI baseUri = URI.create("http://" + settings.host() + ":" + http.getListeners().iterator().next().getPort());
        return new MessagingServer(http, baseUri, store, channels, bodies, streams, faults, journal);
    }

    /** What can be checked before anything is opened: the port is free, the store's place usable. */
    private static void checkBeforeOpening(ServerSettings settings) {
        if (settings.port() != 0) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new InetSocketAddress(settings.host(), settings.port()));
            } catch (IOException e) {
                throw new ServerStartException(cannotListen(settings, e), e);
            }
        }
        try {
            settings.store().check();
        } catch (StoreOpeningFailure e) {
            throw new ServerStartException(e.getMessage(), e);
        }
    }

    private static String cannotListen(ServerSettings settings, IOException e) {
        String where = settings.host() + ":" + settings.port();
        if (e instanceof BindException) {
            return "Cannot listen on " + where + ": the port is in use or the address is not on this machine ("
                    + e.getMessage() + ").";
        }
        return "Cannot listen on " + where + ": " + e.getMessage();
    }

    /** All bodies being gathered hold at most a quarter of the heap, and always room for one of the largest. */
    private static long bodyBudget(long maxBodyBytes) {
        return Math.max(maxBodyBytes, Runtime.getRuntime().maxMemory() / 4);
    }

    private static HttpServer listen(ServerSettings settings, ResourceConfig app, WholeBodies bodies,
                                     FastPath fastPath, Function<JerseyHandler, HttpHandler> faulting) {
        URI bindUri = URI.create("http://" + settings.host() + ":" + settings.port() + "/");
        HttpServer http = GrizzlyHttpServerFactory.createHttpServer(bindUri, app, false);
        int threads = requestThreads(settings);
        ServerConfiguration configuration = http.getServerConfiguration();
        Map.copyOf(configuration.getHttpHandlersWithMapping()).forEach((handler, mapping) -> {
            configuration.removeHttpHandler(handler);
            configuration.addHttpHandler(faulting.apply(new JerseyHandler(handler, fastPath.executors(threads == 0))),
                    mapping);
        });
        for (NetworkListener listener : http.getListeners()) {
            listener.registerAddOn(new H2cUpgradeRefusal());
            listener.registerAddOn(bodies);
            listener.getKeepAlive().setIdleTimeoutInSeconds((int) settings.limits().idleTimeout().toSeconds());
            // with posts served in place (the fast path), the request threads serve what may block: two per core, Grizzly's default
            int poolSize = threads == 0 ? 2 * Runtime.getRuntime().availableProcessors() : threads;
            listener.getTransport().setWorkerThreadPoolConfig(ThreadPoolConfig.defaultConfig()
                    .setPoolName("grizzly-http-server").setCorePoolSize(poolSize).setMaxPoolSize(poolSize));
        }
        try {
            http.start();
        } catch (IOException e) {
            http.shutdownNow();
            throw new ServerStartException(cannotListen(settings, e), e);
        }
        return http;
    }

    /**
     * The request threads that suit the settings: as many as {@link ServerSettings#requestThreads()} says, or when it
     * says {@link ServerSettings#AUTOMATIC_THREADS}, what suits the store — see {@link #requestThreads(CommitWait,
     * JwtSettings, boolean)}. 0 means: serve complete POSTs on the selector threads.
     */
    static int requestThreads(ServerSettings settings) {
        return settings.requestThreads() != ServerSettings.AUTOMATIC_THREADS ? settings.requestThreads()
                : requestThreads(settings.store().commitWait(), settings.jwt(), settings.fastPath());
    }

    /**
     * When each write holds its thread until it commits (PostgreSQL), {@link #BLOCKING_STORE_THREADS} threads let many
     * writes share one commit; when creates and sends are answered from the store's own threads once committed (the
     * embedded store), one thread per core, since more would only take turns on the cores; in memory nothing waits,
     * so with the fast path complete POSTs are served on the selector threads (0) — unless JWTs are checked against a
     * JWKS URL, whose fetch blocks, or the fast path is off, and then two threads per core, Grizzly's default.
     */
    static int requestThreads(CommitWait commitWait, JwtSettings jwt, boolean fastPath) {
        int cores = Runtime.getRuntime().availableProcessors();
        return switch (commitWait) {
            case BLOCKING -> BLOCKING_STORE_THREADS;
            case ASYNC -> cores;
            case NONE -> fastPath && (jwt == null || jwt.jwksUrl() == null) ? 0 : 2 * cores;
        };
    }

    /** Where the server listens, e.g. {@code http://127.0.0.1:8080}, without a trailing slash. */
    public URI baseUri() {
        return baseUri;
    }

    /**
     * Forgets every conversation, transcript, pending delivery, run-time channel registration, fault rule and journaled
     * request, as a fresh start would; the channels of the settings remain. For test suites, between tests.
     */
    public void reset() {
        store.clear();
        channels.reset();
        streams.stateCleared();
        faults.clearAll();
        journal.clearAll();
    }

    /** The event streams of the agent console; for this module's tests. */
    EventStreams eventStreams() {
        return streams;
    }

    /** The store, open; for this module's tests. */
    OpeningStore store() {
        return store;
    }

    /** Stops listening, ends the webhook deliveries in progress and closes the store. */
    @Override
    public void close() {
        try {
            streams.close();
            http.shutdownNow();
        } finally {
            bodies.close();
            store.close();
        }
    }
}
