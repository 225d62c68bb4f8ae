package io.github.ccmessaging.server;

import io.github.ccmessaging.server.channel.Channel;
import io.github.ccmessaging.server.http.HttpLimits;
import io.github.ccmessaging.server.journal.RequestJournal;
import io.github.ccmessaging.server.webhook.WebhookPolicy;
import java.time.Duration;
import java.util.Formatter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code java -jar messaging-server.jar}: the emulator / reference server of the Messaging API. */
@Command(name = "messaging-server", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "Emulator and reference server of the Dynamics 365 Contact Center Messaging API.")
public final class Main implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "${env:MESSAGING_HOST:-" + ServerSettings.DEFAULT_HOST + "}",
            description = "Address to bind (env MESSAGING_HOST; default ${DEFAULT-VALUE}). Use 0.0.0.0 to expose it.")
    String host;

    @Option(names = "--port", defaultValue = "${env:MESSAGING_PORT:-8080}",
            description = "TCP port (env MESSAGING_PORT; default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--channel-id", defaultValue = "${env:MESSAGING_CHANNEL_ID:-" + ServerSettings.DEV_CHANNEL_ID + "}",
            description = "GUID of the channel served (env MESSAGING_CHANNEL_ID; default: the well-known dev channel).")
    String channelId;

    @Option(names = "--organization-id",
            defaultValue = "${env:MESSAGING_ORGANIZATION_ID:-" + ServerSettings.DEV_ORGANIZATION_ID + "}",
            description = "GUID of its organization (env MESSAGING_ORGANIZATION_ID).")
    String organizationId;

    @Option(names = "--token", defaultValue = "${env:MESSAGING_TOKEN:-" + ServerSettings.DEV_TOKEN + "}",
            description = "Static bearer token of the channel (env MESSAGING_TOKEN).")
    String token;

    @Mixin
    JwtOptions jwt = new JwtOptions();

    @Mixin
    StoreOptions store = new StoreOptions();

    @Option(names = "--webhook-timeout", defaultValue = "${env:MESSAGING_WEBHOOK_TIMEOUT:-10}",
            description = "Seconds one webhook attempt may take (env MESSAGING_WEBHOOK_TIMEOUT; default ${DEFAULT-VALUE}, "
                    + "as documented).")
    int webhookTimeoutSeconds;

    @Option(names = "--request-threads", defaultValue = "${env:MESSAGING_REQUEST_THREADS:-0}",
            description = "Threads serving requests (env MESSAGING_REQUEST_THREADS; default 0: one per core with the "
                    + "embedded store, whose commits are answered by its own threads; "
                    + MessagingServer.BLOCKING_STORE_THREADS + " with PostgreSQL, where each write waits for its "
                    + "commit; with --in-memory none: a complete POST is served on the thread that read it).")
    int requestThreads;

    @Option(names = "--max-body-bytes",
            defaultValue = "${env:MESSAGING_MAX_BODY_BYTES:-" + HttpLimits.DEFAULT_MAX_BODY_BYTES + "}",
            description = "Larger request bodies get 413 (env MESSAGING_MAX_BODY_BYTES; default ${DEFAULT-VALUE}).")
    long maxBodyBytes;

    @Option(names = "--body-timeout",
            defaultValue = "${env:MESSAGING_BODY_TIMEOUT:-" + HttpLimits.DEFAULT_BODY_TIMEOUT_SECONDS + "}",
            description = "Seconds a request body may take to arrive after its headers before 408 (env "
                    + "MESSAGING_BODY_TIMEOUT; default ${DEFAULT-VALUE}).")
    double bodyTimeoutSeconds;

    @Option(names = "--idle-timeout",
            defaultValue = "${env:MESSAGING_IDLE_TIMEOUT:-" + HttpLimits.DEFAULT_IDLE_TIMEOUT_SECONDS + "}",
            description = "Seconds a connection may wait for the next request's headers before it is closed (env "
                    + "MESSAGING_IDLE_TIMEOUT; default ${DEFAULT-VALUE}).")
    int idleTimeoutSeconds;

    @Option(names = "--rate-limit", defaultValue = "${env:MESSAGING_RATE_LIMIT:-0}",
            description = "Requests per second per channel before 429 (env MESSAGING_RATE_LIMIT; 0, the default: off).")
    int rateLimit;

    @Option(names = "--journal-size",
            defaultValue = "${env:MESSAGING_JOURNAL_SIZE:-" + RequestJournal.DEFAULT_CAPACITY + "}",
            description = "Requests of each channel the request journal keeps, GET /emulator/requests (env "
                    + "MESSAGING_JOURNAL_SIZE; default ${DEFAULT-VALUE}; 0 turns it off).")
    int journalSize;

    @Option(names = "--webhook-url", defaultValue = "${env:MESSAGING_WEBHOOK_URL}",
            description = "Base URL of the channel's webhook; the representative's side is POSTed to "
                    + "{url}/v3/conversations/{id}/activities (env MESSAGING_WEBHOOK_URL; default: none).")
    String webhookUrl;

    @Option(names = "--webhook-token", defaultValue = "${env:MESSAGING_WEBHOOK_TOKEN}",
            description = "Bearer token sent to the webhook, never the channel's token (env MESSAGING_WEBHOOK_TOKEN; "
                    + "default: a random one, printed at start).")
    String webhookToken;

    @Option(names = "--emulator", negatable = true, defaultValue = "${env:MESSAGING_EMULATOR:-true}",
            fallbackValue = "true",
            description = "Serve the emulator's endpoints (/emulator/**: the representative's side, channel "
                    + "registration, reset); --no-emulator runs a reference service of the consumer API alone, where "
                    + "they answer 404 (env MESSAGING_EMULATOR=false).")
    boolean emulator;

    @Option(names = "--fast-path", negatable = true, defaultValue = "${env:MESSAGING_FAST_PATH:-true}",
            fallbackValue = "true",
            description = "Take the fast path: valid requests skip the full bean validation, and in memory a complete "
                    + "POST is answered on the thread that read it; --no-fast-path sends every request the general way, "
                    + "with the same answers (env MESSAGING_FAST_PATH=false).")
    boolean fastPath;

    public static void main(String[] args) {
        BackgroundPreinitializer.start();
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        int exit = new CommandLine(new Main()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    /**
     * The settings the flags say.
     *
     * @throws IllegalArgumentException when a flag is malformed or flags contradict each other
     */
    ServerSettings settings() {
        store.check();
        if (bodyTimeoutSeconds <= 0 || Double.isNaN(bodyTimeoutSeconds)) {
            throw new IllegalArgumentException("--body-timeout must be a positive number of seconds.");
        }
        return ServerSettings.builder()
                .host(host)
                .port(port)
                .channel(new Channel(channelId, organizationId, token, webhookUrl, webhookToken))
                .store(store.settings())
                .jwt(jwt.settings())
                .limits(new HttpLimits(maxBodyBytes, rateLimit)
                        .withBodyTimeout(Duration.ofMillis(Math.round(bodyTimeoutSeconds * 1000)))
                        .withIdleTimeout(Duration.ofSeconds(idleTimeoutSeconds)))
                .webhooks(WebhookPolicy.defaults().withAttemptTimeout(Duration.ofSeconds(webhookTimeoutSeconds)))
                .requestThreads(requestThreads)
                .emulator(emulator)
                .journalSize(journalSize)
                .fastPath(fastPath)
                .build();
    }

    @Override
    public Integer call() throws InterruptedException {
        ServerSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        MessagingServer server;
        try {
            server = MessagingServer.start(settings);
        } catch (ServerStartException e) {
            System.err.println(e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "shutdown"));
        // one write, so log lines written meanwhile (to stderr, often the same pipe) cannot split a banner line
        System.out.print(banner(settings, server));
        System.out.flush();
        stopped.await();
        return 0;
    }

    private String banner(ServerSettings settings, MessagingServer server) {
        Channel channel = settings.channels().get(0);
        Formatter banner = new Formatter();
        banner.format("Messaging API server listening on %s%n", server.baseUri());
        banner.format("  channel-id:      %s%n  organization-id: %s%n  token:           %s%n",
                channel.channelId(), channel.organizationId(),
                ServerSettings.DEV_TOKEN.equals(channel.token()) ? channel.token() + " (well-known development token)"
                        : "(as configured)");
        banner.format("  state kept in:   %s%n", settings.store().describe());
        banner.format("  API docs:        %s/docs%n", server.baseUri());
        if (channel.webhookUrl() != null) {
            banner.format("  webhook:         %s/v3/conversations/{id}/activities%n", channel.webhookUrl());
            banner.format("  webhook token:   %s%n", webhookToken == null
                    ? channel.webhookToken() + " (generated at start; --webhook-token chooses one)" : "(as configured)");
        }
        if (!settings.emulator()) {
            banner.format("  emulator:        off (/emulator/** answers 404)%n");
        }
        if (settings.jwt() != null) {
            banner.format("  also JWTs from:  %s%n", settings.jwt().issuer());
        }
        return banner.toString();
    }
}
