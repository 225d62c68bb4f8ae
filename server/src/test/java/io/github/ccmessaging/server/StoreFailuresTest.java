package io.github.ccmessaging.server;

import io.github.ccmessaging.server.store.jdbc.FaultyStores;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.ccmessaging.server.store.ConversationStore;
import io.github.ccmessaging.server.store.jdbc.FailureWatchLog;
import io.github.ccmessaging.server.store.jdbc.StoreFaults;
import io.github.ccmessaging.server.store.jdbc.StoreFaults.Fault;
import io.github.ccmessaging.server.store.StoreSettings;
import io.github.ccmessaging.server.store.TestStores;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's writes fail as the database fails them (injected: SQLite's own exceptions, so this runs
 * everywhere): a failure that needs an operator is answered and logged as one, a failure that passes by itself as
 * such, {@code /health} follows whether the store can write, and both recover without a restart.
 */
class StoreFailuresTest {
    @TempDir
    Path dataDir;

    private final StoreFaults faults = new StoreFaults();
    private ConversationStore store;
    private MessagingServer server;
    private ApiCalls api;
    private FailureWatchLog log;
    private String conversation;

    @BeforeEach
    void start() {
        Clock clock = Clock.systemUTC();
        store = FaultyStores.embeddedWithFaults(dataDir, clock, faults);
        server = MessagingServer.start(TestServer.testDefaults().channel(TestServer.DEV)
                .store(StoreSettings.of(store)).build());
        api = new ApiCalls(server.baseUri(), TestServer.DEV);
        log = FailureWatchLog.capture();
        conversation = api.newConversation();
        assertThat(api.send(conversation, activity("before", "before")).status()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
        log.close();
    }

    @Nested
    class ThatNeedsAnOperator {
        @BeforeEach
        void makeTheStoreReadOnly() {
            faults.failWrites(Fault.READ_ONLY);
        }

        @Test
        void writesAre500WithoutRetryAfterSayingWhyAndNothingIsStoredWhileReadsGoOn() {
            List<ApiCalls.Reply> writes = List.of(
                    api.send(conversation, activity("during", "during")),
                    api.create("{}"),
                    api.post("/emulator/conversations/" + conversation + "/activities",
                            "{\"type\":\"message\",\"text\":\"from the representative\"}"));

            assertThat(writes).allSatisfy(reply -> {
                assertThat(reply.status()).as(reply.body()).isEqualTo(500);
                assertThat(reply.headers()).as("no invitation to retry").doesNotContainKey("Retry-After")
                        .doesNotContainKey("retry-after");
                assertThat(reply.contentType()).startsWith("application/problem+json");
                assertThat(reply.json().get("title").asText()).isEqualTo("Store cannot work");
                assertThat(reply.json().get("detail").asText()).contains("the database is read-only")
                        .contains("nothing was stored");
                assertThat(reply.correlationId()).isNotBlank();
                assertThat(reply.body()).doesNotContain("Exception").doesNotContain("SQLITE");
            });
            ApiCalls.Reply read = api.get("/api/v1.0/consumer/conversation/" + conversation + "/messages");
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.body()).contains("before").doesNotContain("during");

            faults.heal();

            assertThat(api.send(conversation, activity("during", "during, again")).status()).isEqualTo(200);
            assertThat(api.get("/api/v1.0/consumer/conversation/" + conversation + "/messages").body())
                    .containsOnlyOnce("\"id\":\"during\"").doesNotContain("from the representative");
            assertThat(api.get("/api/v1.0/consumer/conversations").json().get("conversations")).hasSize(1);
        }

        @Test
        void healthIsDownSaysWhyAndComesBackWhenTheStoreWritesAgain() throws InterruptedException {
            ApiCalls.Reply health = api.get("/health");

            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().get("readiness").asText()).isEqualTo("DOWN");
            assertThat(health.json().get("checks").get("store").asText()).isEqualTo("DOWN");
            assertThat(health.json().get("details").get("store").asText())
                    .isEqualTo("the store cannot work until an operator acts: the database is read-only");

            faults.heal();

            assertThat(awaitHealthy().json().has("details")).isFalse();
        }

        @Test
        void isLoggedOnceLoudlyWithWhatToDoAndAgainAfterItCameBack() throws InterruptedException {
            for (int i = 0; i < 5; i++) {
                api.send(conversation, activity("during-" + i, "during"));
            }
            api.get("/health");

            assertThat(log.errors()).hasSize(1).first().asString().startsWith("THE STORE CANNOT WORK: the database is "
                    + "read-only").contains("What to do: make the data directory and its database files writable")
                    .contains("no restart is needed");

            faults.heal();
            assertThat(api.send(conversation, activity("after", "after")).status()).isEqualTo(200);
            assertThat(log.warnings()).last().asString().startsWith("The store works again");
            faults.failWrites(Fault.READ_ONLY);
            api.send(conversation, activity("again", "again"));

            assertThat(log.errors()).as("a new outage is told again").hasSize(2);
        }
    }

    @Nested
    class ThatPassesByItself {
        @BeforeEach
        void takeTheDatabaseAway() {
            faults.failWrites(Fault.UNREACHABLE);
        }

        @Test
        void writesAre503WithRetryAfterAndHealthIsDownUntilTheStoreWritesAgain() throws InterruptedException {
            ApiCalls.Reply send = api.send(conversation, activity("during", "during"));

            assertThat(send.status()).as(send.body()).isEqualTo(503);
            assertThat(send.headers().get("Retry-After")).containsExactly("1");
            assertThat(send.json().get("title").asText()).isEqualTo("Service Unavailable");
            ApiCalls.Reply health = api.get("/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().get("details").get("store").asText())
                    .isEqualTo("no database connection within the store timeout");

            faults.heal();

            awaitHealthy();
            assertThat(api.send(conversation, activity("during", "during")).status()).isEqualTo(200);
        }

        @Test
        void isLoggedOnceAsAWarningWithoutAnError() {
            for (int i = 0; i < 5; i++) {
                api.send(conversation, activity("during-" + i, "during"));
            }

            assertThat(log.warnings()).hasSize(1).first().asString()
                    .startsWith("The store fails: no database connection within the store timeout; requests get 503");
            assertThat(log.errors()).isEmpty();
        }
    }

    private ApiCalls.Reply awaitHealthy() throws InterruptedException {
        ApiCalls.Reply health = api.get("/health");
        for (int i = 0; i < 100 && health.status() != 200; i++) {
            Thread.sleep(100);
            health = api.get("/health");
        }
        assertThat(health.status()).as("healthy again: %s", health.body()).isEqualTo(200);
        return health;
    }

    private static String activity(String id, String text) {
        return "{\"type\":\"message\",\"id\":\"" + id + "\",\"text\":\"" + text + "\"}";
    }
}
