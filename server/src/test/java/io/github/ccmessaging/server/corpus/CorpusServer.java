package io.github.ccmessaging.server.corpus;

import io.github.ccmessaging.server.MessagingApp;
import io.github.ccmessaging.server.MessagingServer;
import io.github.ccmessaging.server.TestServer;
import io.github.ccmessaging.server.channel.ChannelRegistry;
import io.github.ccmessaging.server.store.TestStores;
import java.net.URI;
import java.time.Clock;

/**
 * A real server on a free loopback port, wired by the production factory like {@link TestServer} (same two channels),
 * whose store records every write so that the corpus can prove that rejected requests changed nothing.
 */
final class CorpusServer implements AutoCloseable {
    final CountingStore store;
    private final MessagingServer server;

    CorpusServer() {
        Clock clock = Clock.systemUTC();
        store = new CountingStore(TestStores.chosen(clock));
        server = MessagingServer.start("127.0.0.1", 0, MessagingApp.createApp(
                new ChannelRegistry(store.store().registeredChannels(), TestServer.DEV, TestServer.OTHER), store.store(),
                clock));
    }

    URI baseUri() {
        return server.baseUri();
    }

    @Override
    public void close() {
        server.close();
        store.store().close();
    }
}
