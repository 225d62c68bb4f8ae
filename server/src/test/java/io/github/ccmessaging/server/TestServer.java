package io.github.ccmessaging.server;

import io.github.ccmessaging.server.auth.JwtSettings;
import io.github.ccmessaging.server.channel.Channel;
import io.github.ccmessaging.server.store.ConversationStore;
import io.github.ccmessaging.server.store.TestStores;
import java.util.function.Consumer;

/**
 * A real server on a free loopback port, started as {@code java -jar} starts it ({@link MessagingServer#start}), on the
 * store {@code -Dmessaging.test.store} chooses, serving the development channel and another one; no request log.
 */
public final class TestServer implements AutoCloseable {
    public static final Channel DEV = ServerSettings.devChannel();
    public static final Channel OTHER = new Channel("0ddba11a-0000-4000-8000-000000000003",
            "0ddba11a-0000-4000-8000-000000000004", "other-channel-token");

    /** The server's store, open. */
    public final ConversationStore store;
    private final MessagingServer server;

    public TestServer() {
        this(settings -> { });
    }

    /** A server that also accepts JWTs as {@code jwt} says. */
    public TestServer(JwtSettings jwt) {
        this(settings -> settings.jwt(jwt));
    }

    /**
     * A server with the test defaults changed by {@code customise}, serving {@code channels} ({@link #DEV} and
     * {@link #OTHER} when none are given).
     */
    public TestServer(Consumer<ServerSettings.Builder> customise, Channel... channels) {
        ServerSettings.Builder settings = testDefaults();
        for (Channel channel : channels.length == 0 ? new Channel[] {DEV, OTHER} : channels) {
            settings.channel(channel);
        }
        customise.accept(settings);
        server = MessagingServer.start(settings.build());
        store = server.store().opened();
    }

    /** A free loopback port, the chosen store, no request log; no channel yet. */
    public static ServerSettings.Builder testDefaults() {
        return ServerSettings.builder().port(0).store(TestStores.chosenSettings()).requestLog(false);
    }

    public ApiCalls as(Channel channel) {
        return new ApiCalls(server.baseUri(), channel);
    }

    public java.net.URI baseUri() {
        return server.baseUri();
    }

    public MessagingServer server() {
        return server;
    }

    /** Ends every open event stream, as a restart or a network cut would; clients reconnect and resume. */
    public void dropEventStreams() {
        server.eventStreams().closeStreams();
    }

    public ApiCalls dev() {
        return as(DEV);
    }

    @Override
    public void close() {
        server.close();
    }
}
