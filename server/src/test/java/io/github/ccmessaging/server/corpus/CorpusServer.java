package io.github.ccmessaging.server.corpus;

import io.github.ccmessaging.server.MessagingServer;
import io.github.ccmessaging.server.TestServer;
import io.github.ccmessaging.server.store.StoreSettings;
import io.github.ccmessaging.server.store.TestStores;
import java.net.URI;
import java.time.Clock;

/**
 * A real server on a free loopback port, started like {@link TestServer} (same two channels, same threads as the jar
 * chooses for the store), whose store records every write so that the corpus can prove that rejected requests changed
 * nothing.
 */
final class CorpusServer implements AutoCloseable {
    final CountingStore store;
    private final MessagingServer server;

    CorpusServer() {
        store = new CountingStore(TestStores.chosen(Clock.systemUTC()));
        server = MessagingServer.start(TestServer.testDefaults().channel(TestServer.DEV).channel(TestServer.OTHER)
                .store(StoreSettings.of(store.store())).build());
    }

    URI baseUri() {
        return server.baseUri();
    }

    @Override
    public void close() {
        server.close();
    }
}
