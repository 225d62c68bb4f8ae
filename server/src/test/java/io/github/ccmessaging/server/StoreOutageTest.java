package io.github.ccmessaging.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ccmessaging.server.store.ConversationStore;
import io.github.ccmessaging.server.store.jdbc.DatabaseSettings;
import io.github.ccmessaging.server.store.jdbc.DurableStores;
import io.github.ccmessaging.server.store.jdbc.FailureWatchLog;
import io.github.ccmessaging.server.store.MessageIdClock;
import io.github.ccmessaging.server.store.StoreSettings;
import io.github.ccmessaging.server.store.TestStores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store goes away while the server runs: requests are answered {@code 503} with {@code Retry-After} within the
 * store timeout (1 s here) rather than when the database gives up, nothing of them is stored, {@code /health} says so
 * within a second, and everything works again when the store does, without a restart.
 */
class StoreOutageTest {
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(1);
    /** Generous for a shared, slow machine; the failure this guards against took 30 s. */
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(5);
    private static final Duration HEALTH_BOUND = Duration.ofMillis(2_000);

    private ConversationStore store;
    private MessagingServer server;
    private ApiCalls api;
    private FailureWatchLog log;
    /** The connection pool's own complaints while its database is away: expected here, kept off the console. */
    private LogCapture pool;
    /** Closed after the server and its store, which still use them while they close. */
    private final List<AutoCloseable> closeLast = new ArrayList<>();

    void serve(ConversationStore opened) {
        Clock clock = Clock.systemUTC();
        store = opened;
        server = MessagingServer.start(TestServer.testDefaults().channel(TestServer.DEV)
                .store(StoreSettings.of(store)).build());
        api = new ApiCalls(server.baseUri(), TestServer.DEV);
    }

    @BeforeEach
    void captureTheStoresLog() {
        log = FailureWatchLog.capture();
        pool = LogCapture.of("com.zaxxer.hikari");
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (store != null) {
            store.close();
        }
        for (AutoCloseable resource : closeLast) {
            resource.close();
        }
        log.close();
        pool.close();
    }

    @Nested
    class PostgresqlDown {
        private TcpProxy proxy;

        @BeforeEach
        void startOnPostgresqlThroughAProxy() {
            DatabaseSettings schema = TestStores.newPostgresSchema();
            Matcher url = Pattern.compile("jdbc:postgresql://([^/:]+)(?::(\\d+))?(/.*)").matcher(schema.url());
            assertThat(url.matches()).as("a jdbc:postgresql://host[:port]/db URL: %s", schema.url()).isTrue();
            proxy = new TcpProxy(url.group(1), url.group(2) == null ? 5432 : Integer.parseInt(url.group(2)));
            closeLast.add(proxy);
            DatabaseSettings viaProxy = new DatabaseSettings(
                    "jdbc:postgresql://127.0.0.1:" + proxy.port() + url.group(3), schema.user(), schema.password(),
                    schema.schema());
            serve(DurableStores.postgres(viaProxy, new MessageIdClock(Clock.systemUTC()), STORE_TIMEOUT));
        }

        @Test
        void requestsGet503WithRetryAfterFastHealthSaysDownAndAllRecoversWithoutARestart() throws Exception {
            String conversation = api.newConversation();
            assertThat(api.send(conversation, activity("before", "before the outage")).status()).isEqualTo(200);

            proxy.cut();

            assertAnsweredUnavailableInTime(() -> api.send(conversation, activity("during", "during the outage")));
            assertAnsweredUnavailableInTime(() -> api.create("{}"));
            assertAnsweredUnavailableInTime(() -> api.get("/api/v1.0/consumer/conversation/" + conversation
                    + "/messages"));
            assertHealthDownInTime();
            assertThat(log.warnings()).as("the outage is logged once, not per request").hasSize(1);

            proxy.restore();

            assertRecovers(conversation);
        }
    }

    @Nested
    class EmbeddedWriterStuck {
        @TempDir
        Path dataDir;
        private Connection otherProcess;

        @BeforeEach
        void startEmbedded() {
            serve(TestStores.embedded(dataDir, Clock.systemUTC(), STORE_TIMEOUT));
        }

        /** Another connection holds SQLite's write lock: the store's writer waits on it, and its queue behind it. */
        private void holdTheWriteLock() throws SQLException {
            otherProcess = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(DurableStores.EMBEDDED_FILE));
            closeLast.add(otherProcess);
            try (Statement s = otherProcess.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
            }
        }

        @Test
        void writesGet503WithRetryAfterFastReadsGoOnAndAllRecoversWhenTheLockIsReleased() throws Exception {
            String conversation = api.newConversation();
            assertThat(api.send(conversation, activity("before", "before the lock")).status()).isEqualTo(200);

            holdTheWriteLock();

            List<CompletableFuture<Void>> concurrent = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String id = "during-" + i;
                concurrent.add(CompletableFuture.runAsync(() ->
                        assertAnsweredUnavailableInTime(() -> api.send(conversation, activity(id, "during")))));
            }
            CompletableFuture.allOf(concurrent.toArray(CompletableFuture[]::new)).join();
            assertHealthDownInTime();
            ApiCalls.Reply read = api.get("/api/v1.0/consumer/conversation/" + conversation + "/messages");
            assertThat(read.status()).as("reads do not wait for the writer").isEqualTo(200);

            try (Statement s = otherProcess.createStatement()) {
                s.execute("ROLLBACK");
            }

            assertRecovers(conversation);
        }
    }

    private static String activity(String id, String text) {
        return "{\"type\":\"message\",\"id\":\"" + id + "\",\"text\":\"" + text + "\"}";
    }

    private static void assertAnsweredUnavailableInTime(Supplier<ApiCalls.Reply> request) {
        long start = System.nanoTime();
        ApiCalls.Reply reply = request.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(reply.status()).as(reply.body()).isEqualTo(503);
        assertThat(took).as("answered within the store timeout, with margin").isLessThan(ANSWER_BOUND);
        assertThat(reply.headers().get("Retry-After")).containsExactly("1");
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.body()).doesNotContain("Exception");
    }

    private void assertHealthDownInTime() {
        long start = System.nanoTime();
        ApiCalls.Reply health = api.get("/health");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(health.status()).as(health.body()).isEqualTo(503);
        assertThat(took).as("/health answers within a second, with margin").isLessThan(HEALTH_BOUND);
        assertThat(health.json().get("checks").get("store").asText()).isEqualTo("DOWN");
        assertThat(health.json().get("details").get("store").asText()).isNotBlank();
    }

    /** Health comes back by itself, nothing sent during the outage was stored, and a retry of it is stored once. */
    private void assertRecovers(String conversation) throws InterruptedException {
        ApiCalls.Reply health = api.get("/health");
        for (int i = 0; i < 100 && health.status() != 200; i++) {
            Thread.sleep(100);
            health = api.get("/health");
        }
        assertThat(health.status()).as("healthy again: %s", health.body()).isEqualTo(200);
        String messages = api.get("/api/v1.0/consumer/conversation/" + conversation + "/messages").body();
        assertThat(messages).contains("before the").doesNotContain("during");

        ApiCalls.Reply retried = api.send(conversation, activity("during", "during, retried"));
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(api.send(conversation, activity("during", "during, retried")).messageId())
                .isEqualTo(retried.messageId());
        assertThat(api.get("/api/v1.0/consumer/conversation/" + conversation + "/messages").body())
                .containsOnlyOnce("during, retried");
        assertThat(log.warnings().get(log.warnings().size() - 1)).startsWith("The store works again");
    }
}
