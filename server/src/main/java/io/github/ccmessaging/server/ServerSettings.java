package io.github.ccmessaging.server;

import io.github.ccmessaging.server.auth.JwtSettings;
import io.github.ccmessaging.server.channel.Channel;
import io.github.ccmessaging.server.http.HttpLimits;
import io.github.ccmessaging.server.journal.RequestJournal;
import io.github.ccmessaging.server.store.StoreSettings;
import io.github.ccmessaging.server.webhook.WebhookPolicy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Everything a server is started with: {@code java -jar}'s flags map onto it one to one, and
 * {@link MessagingServer#start(ServerSettings)} derives the rest (request threads, the store, the Jersey application)
 * from it the same way for the jar, the tests and embedding code. Immutable; made with {@link #builder()}.
 *
 * <pre>{@code
 * try (MessagingServer server = MessagingServer.start(ServerSettings.builder().port(0).build())) {
 *     URI baseUri = server.baseUri();   // in memory, serving the well-known development channel
 * }
 * }</pre>
 */
public final class ServerSettings {
    /** The well-known development channel, like Azurite's well-known account: fixed, public, never a secret. */
    public static final String DEV_CHANNEL_ID = "c0ffee00-0000-4000-8000-000000000001";
    public static final String DEV_ORGANIZATION_ID = "c0ffee00-0000-4000-8000-000000000002";
    public static final String DEV_TOKEN = "emulator-dev-token";
    /** Loopback, so that the well-known token never leaves the machine unless asked to. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    /** Passed as {@link Builder#requestThreads}: as many as suit the store (see {@link MessagingServer}). */
    public static final int AUTOMATIC_THREADS = 0;

    private final String host;
    private final int port;
    private final List<Channel> channels;
    private final StoreSettings store;
    private final JwtSettings jwt;
    private final HttpLimits limits;
    private final WebhookPolicy webhooks;
    private final int requestThreads;
    private final boolean requestLog;
    private final boolean emulator;
    private final int journalSize;
    private final boolean fastPath;
    private final Clock clock;

    private ServerSettings(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.channels = List.copyOf(b.channels.isEmpty() ? List.of(devChannel()) : b.channels);
        this.store = b.store;
        this.jwt = b.jwt;
        this.limits = b.limits;
        this.webhooks = b.webhooks;
        this.requestThreads = b.requestThreads;
        this.requestLog = b.requestLog;
        this.emulator = b.emulator;
        this.journalSize = b.journalSize;
        this.fastPath = b.fastPath;
        this.clock = b.clock;
    }

    /** The well-known development channel, without a webhook. */
    public static Channel devChannel() {
        return new Channel(DEV_CHANNEL_ID, DEV_ORGANIZATION_ID, DEV_TOKEN);
    }

    /** Port 8080 on loopback, in memory, serving the well-known development channel. */
    public static ServerSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder().host(host).port(port).store(store).jwt(jwt).limits(limits).webhooks(webhooks)
                .requestThreads(requestThreads).requestLog(requestLog).emulator(emulator).journalSize(journalSize)
                .fastPath(fastPath).clock(clock);
        b.channels.addAll(channels);
        return b;
    }

    /** The address to bind. */
    public String host() {
        return host;
    }

    /** The TCP port; 0 picks a free one. */
    public int port() {
        return port;
    }

    /** The channels served from the start, the first being the one the start-up banner shows. */
    public List<Channel> channels() {
        return channels;
    }

    public StoreSettings store() {
        return store;
    }

    /** How JWT bearer tokens are accepted besides the channels' static tokens; null: not at all. */
    public JwtSettings jwt() {
        return jwt;
    }

    public HttpLimits limits() {
        return limits;
    }

    public WebhookPolicy webhooks() {
        return webhooks;
    }

    /** Threads serving requests; {@link #AUTOMATIC_THREADS}: as many as suit the store. */
    public int requestThreads() {
        return requestThreads;
    }

    /** Whether each request is logged (logger {@code io.github.ccmessaging.server.requests}). */
    public boolean requestLog() {
        return requestLog;
    }

    /**
     * Whether the emulator's endpoints ({@code /emulator/**}: the representative's side, channel registration, reset)
     * are served; without them the server is a reference service of the consumer API alone.
     */
    public boolean emulator() {
        return emulator;
    }

    /** How many requests of each channel the request journal keeps ({@code GET /emulator/requests}); 0: it is off. */
    public int journalSize() {
        return journalSize;
    }

    /**
     * Whether the server takes its fast path ({@link io.github.ccmessaging.server.fastpath.FastPath}): valid requests
     * skip the executable bean validation, and in memory a complete POST is answered on the thread that read it.
     * The answers are the same either way.
     */
    public boolean fastPath() {
        return fastPath;
    }

    /** The clock of timestamps and {@code messageId}s. */
    public Clock clock() {
        return clock;
    }

    /** Collects settings; every one has a default. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private final List<Channel> channels = new ArrayList<>();
        private StoreSettings store = StoreSettings.inMemory();
        private JwtSettings jwt;
        private HttpLimits limits = HttpLimits.defaults();
        private WebhookPolicy webhooks = WebhookPolicy.defaults();
        private int requestThreads = AUTOMATIC_THREADS;
        private boolean requestLog = true;
        private boolean emulator = true;
        private int journalSize = RequestJournal.DEFAULT_CAPACITY;
        private boolean fastPath = true;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The address to bind; default {@value #DEFAULT_HOST}. Use {@code 0.0.0.0} to expose the server. */
        public Builder host(String value) {
            this.host = Objects.requireNonNull(value, "host");
            return this;
        }

        /** The TCP port; default {@value #DEFAULT_PORT}; 0 picks a free one ({@link MessagingServer#baseUri()}). */
        public Builder port(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("The port must be between 0 and 65535.");
            }
            this.port = value;
            return this;
        }

        /** Serves this channel too; without any, the well-known development channel is served. */
        public Builder channel(Channel value) {
            Objects.requireNonNull(value, "channel");
            if (channels.stream().anyMatch(c -> c.channelId().equals(value.channelId()))) {
                throw new IllegalArgumentException("The channel " + value.channelId() + " is given twice.");
            }
            channels.add(value);
            return this;
        }

        /** Where state is kept; default in memory. */
        public Builder store(StoreSettings value) {
            this.store = Objects.requireNonNull(value, "store");
            return this;
        }

        /** Accepts JWTs as these settings say, besides the static tokens; null (the default): static tokens only. */
        public Builder jwt(JwtSettings value) {
            this.jwt = value;
            return this;
        }

        public Builder limits(HttpLimits value) {
            this.limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        /** Timeout and retries of webhook deliveries; default as documented (10 s, 3 retries). */
        public Builder webhooks(WebhookPolicy value) {
            this.webhooks = Objects.requireNonNull(value, "webhooks");
            return this;
        }

        /** Threads serving requests; default {@link #AUTOMATIC_THREADS}. */
        public Builder requestThreads(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("The number of request threads must be 0 (automatic) or more.");
            }
            this.requestThreads = value;
            return this;
        }

        /** Whether each request is logged; default true. */
        public Builder requestLog(boolean value) {
            this.requestLog = value;
            return this;
        }

        /** Whether {@code /emulator/**} is served; default true (false: those paths answer 404). */
        public Builder emulator(boolean value) {
            this.emulator = value;
            return this;
        }

        /**
         * How many requests of each channel the request journal keeps, the oldest dropped; default
         * {@value RequestJournal#DEFAULT_CAPACITY}; 0 turns the journal off, and then it costs requests nothing.
         */
        public Builder journalSize(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("The journal size must be 0 (off) or more.");
            }
            this.journalSize = value;
            return this;
        }

        /**
         * Whether the fast path is taken; default true. False sends every request the general way (full bean
         * validation, a request thread for every request), for comparison and to rule the shortcuts out.
         */
        public Builder fastPath(boolean value) {
            this.fastPath = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public ServerSettings build() {
            if (new HashSet<>(channels.stream().map(Channel::channelId).toList()).size() != channels.size()) {
                throw new IllegalArgumentException("A channel is given twice.");
            }
            return new ServerSettings(this);
        }
    }
}
