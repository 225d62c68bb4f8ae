package io.github.ccmessaging.server;

import io.github.ccmessaging.server.store.jdbc.FaultyStores;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.ccmessaging.server.store.ConversationStore;
import io.github.ccmessaging.server.store.jdbc.FailureWatchLog;
import io.github.ccmessaging.server.store.StoreSettings;
import io.github.ccmessaging.server.store.TestStores;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's writer connection is read-only, as SQLite opens a database it cannot write (SQLITE_READONLY
 * from SQLite itself, no injection): writes are answered 500 as a failure that needs an operator, {@code /health} says
 * the store cannot write, and once the database can be written again the store notices without a restart.
 */
class ReadOnlyStoreTest {
    @TempDir
    Path dataDir;

    private final AtomicBoolean readOnly = new AtomicBoolean(true);
    private ConversationStore store;
    private MessagingServer server;
    private ApiCalls api;
    private FailureWatchLog log;

    @BeforeEach
    void startOnAReadOnlyConnection() {
        Clock clock = Clock.systemUTC();
        store = FaultyStores.embeddedWithWriterReadOnlyWhile(dataDir, clock, readOnly::get);
        server = MessagingServer.start(TestServer.testDefaults().channel(TestServer.DEV)
                .store(StoreSettings.of(store)).build());
        api = new ApiCalls(server.baseUri(), TestServer.DEV);
        log = FailureWatchLog.capture();
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
        log.close();
    }

    @Test
    void writesAre500HealthSaysTheStoreCannotWriteAndAWritableDatabaseIsNoticedWithoutARestart()
            throws InterruptedException {
        ApiCalls.Reply refused = api.create("{}");

        assertThat(refused.status()).as(refused.body()).isEqualTo(500);
        assertThat(refused.headers()).doesNotContainKey("Retry-After").doesNotContainKey("retry-after");
        assertThat(refused.json().get("detail").asText()).contains("the database is read-only");
        ApiCalls.Reply health = api.get("/health");
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json().get("details").get("store").asText())
                .isEqualTo("the store cannot work until an operator acts: the database is read-only");
        assertThat(api.get("/api/v1.0/consumer/conversations").status()).as("reads go on").isEqualTo(200);
        assertThat(log.errors()).singleElement().asString()
                .startsWith("THE STORE CANNOT WORK: the database is read-only");

        readOnly.set(false);

        for (int i = 0; i < 100 && health.status() != 200; i++) {
            Thread.sleep(100);
            health = api.get("/health");
        }
        assertThat(health.status()).as("healthy again: %s", health.body()).isEqualTo(200);
        String conversation = api.newConversation();
        assertThat(api.message(conversation, "written").status()).isEqualTo(200);
        assertThat(api.get("/api/v1.0/consumer/conversations").json().get("conversations")).hasSize(1);
    }
}
