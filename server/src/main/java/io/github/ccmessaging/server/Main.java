package io.github.ccmessaging.server;

import io.github.ccmessaging.server.channel.Channel;
import io.github.ccmessaging.server.channel.ChannelRegistry;
import io.github.ccmessaging.server.http.HttpLimits;
import io.github.ccmessaging.server.store.MessageIdClock;
import io.github.ccmessaging.server.store.OpeningStore;
import io.github.ccmessaging.server.webhook.WebhookPolicy;
import java.time.Clock;
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
@Command(name = "messaging-server", mixinStandardHelpOptions = true,
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
                    + MessagingServer.DEFAULT_WORKER_THREADS + " with PostgreSQL, where each write waits for its "
                    + "commit; with --in-memory none: a complete POST is served on the thread that read it).")
    int requestThreads;

    @Option(names = "--max-body-bytes",
            defaultValue = "${env:MESSAGING_MAX_BODY_BYTES:-" + HttpLimits.DEFAULT_MAX_BODY_BYTES + "}",
            description = "Larger request bodies get 413 (env MESSAGING_MAX_BODY_BYTES; default ${DEFAULT-VALUE}).")
    long maxBodyBytes;

    @Option(names = "--rate-limit", defaultValue = "${env:MESSAGING_RATE_LIMIT:-0}",
            description = "Requests per second per channel before 429 (env MESSAGING_RATE_LIMIT; 0, the default: off).")
    int rateLimit;

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

    public static void main(String[] args) {
        BackgroundPreinitializer.start();
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        int exit = new CommandLine(new Main()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        ServerSettings settings;
        HttpLimits limits;
        WebhookPolicy webhooks;
        try {
            settings = new ServerSettings(host, port, channelId, organizationId, token).withJwt(jwt.settings());
            limits = new HttpLimits(maxBodyBytes, rateLimit);
            store.check();
            if (requestThreads < 0) {
                throw new IllegalArgumentException("--request-threads must be 0 (automatic) or more.");
            }
            webhooks = WebhookPolicy.defaults().withAttemptTimeout(Duration.ofSeconds(webhookTimeoutSeconds));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        Clock clock = Clock.systemUTC();
        Channel channel;
        try {
            channel = new Channel(settings.channelId(), settings.organizationId(), settings.token(), webhookUrl,
                    webhookToken);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        // the database migrates while Jersey starts; nothing is printed before both are ready
        OpeningStore conversations = OpeningStore.start(() -> store.open(new MessageIdClock(clock)));
        MessagingServer server;
        try {
            server = MessagingServer.start(settings.host(), settings.port(), MessagingApp.createApp(
                    new ChannelRegistry(conversations.registeredChannels(), channel), conversations, clock,
                    new AppOptions(settings.jwt(), limits, webhooks).withEmulator(emulator)),
                    requestThreads > 0 ? requestThreads : MessagingServer.requestThreads(store.commitWait(), settings.jwt()));
        } catch (RuntimeException e) {
            conversations.close();
            throw e;
        }
        try {
            conversations.opened();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            conversations.close();
            stopped.countDown();
        }, "shutdown"));
        Formatter banner = new Formatter();
        banner.format("Messaging API server listening on %s%n", server.baseUri());
        banner.format("  channel-id:      %s%n  organization-id: %s%n  token:           %s%n",
                settings.channelId(), settings.organizationId(),
                ServerSettings.DEV_TOKEN.equals(settings.token()) ? settings.token() + " (well-known development token)"
                        : "(as configured)");
        banner.format("  state kept in:   %s%n", store.describe());
        if (webhookUrl != null) {
            banner.format("  webhook:         %s/v3/conversations/{id}/activities%n", webhookUrl);
            banner.format("  webhook token:   %s%n", webhookToken == null
                    ? channel.webhookToken() + " (generated at start; --webhook-token chooses one)" : "(as configured)");
        }
        if (!emulator) {
            banner.format("  emulator:        off (/emulator/** answers 404)%n");
        }
        if (settings.jwt() != null) {
            banner.format("  also JWTs from:  %s%n", settings.jwt().issuer());
        }
        // one write, so log lines written meanwhile (to stderr, often the same pipe) cannot split a banner line
        System.out.print(banner);
        System.out.flush();
        stopped.await();
        return 0;
    }
}
