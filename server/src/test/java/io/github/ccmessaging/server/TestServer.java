package io.github.ccmessaging.server;

import io.github.ccmessaging.server.auth.JwtSettings;
import io.github.ccmessaging.server.channel.Channel;
import io.github.ccmessaging.server.channel.ChannelRegistry;
import io.github.ccmessaging.server.store.ConversationStore;
import io.github.ccmessaging.server.store.TestStores;
import java.time.Clock;

/** A real server on a free loopback port with two channels, wired by the production factory. */
public final class TestServer implements AutoCloseable {
    public static final Channel DEV = new Channel(ServerSettings.DEV_CHANNEL_ID, ServerSettings.DEV_ORGANIZATION_ID,
            ServerSettings.DEV_TOKEN);
    public static final Channel OTHER = new Channel("0ddba11a-0000-4000-8000-000000000003",
            "0ddba11a-0000-4000-8000-000000000004", "other-channel-token");

    public final ConversationStore store;
    private final MessagingServer server;

    public TestServer() {
        this(null);
    }

    /** A server that also accepts JWTs as {@code jwt} says. */
    public TestServer(JwtSettings jwt) {
        this(AppOptions.defaults().withJwt(jwt), DEV, OTHER);
    }

    /** A server with these options serving these channels. */
    public TestServer(AppOptions options, Channel... channels) {
        Clock clock = Clock.systemUTC();
        store = TestStores.chosen(clock);
        // threads chosen as Main chooses them, so the in-memory pass runs on the selector threads, the embedded on few
        server = MessagingServer.start("127.0.0.1", 0, MessagingApp.createApp(
                new ChannelRegistry(store.registeredChannels(), channels), store, clock, options),
                MessagingServer.requestThreads(store.commitWait(), options.jwt()));
    }

    public ApiCalls as(Channel channel) {
        return new ApiCalls(server.baseUri(), channel);
    }

    public java.net.URI baseUri() {
        return server.baseUri();
    }

    public ApiCalls dev() {
        return as(DEV);
    }

    @Override
    public void close() {
        server.close();
        store.close();
    }
}
