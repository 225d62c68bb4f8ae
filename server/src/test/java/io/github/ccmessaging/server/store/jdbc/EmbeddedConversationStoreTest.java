package io.github.ccmessaging.server.store.jdbc;

import io.github.ccmessaging.server.store.Conversation;
import io.github.ccmessaging.server.store.OutboxItem;
import io.github.ccmessaging.server.store.Appended;
import io.github.ccmessaging.server.store.CreateOutcome;
import io.github.ccmessaging.server.store.ConversationStore;
import io.github.ccmessaging.server.store.StoredActivity;
import io.github.ccmessaging.server.store.Outbound;
import io.github.ccmessaging.server.store.NewActivity;
import io.github.ccmessaging.server.store.Delivery;
import io.github.ccmessaging.server.store.NewConversation;
import io.github.ccmessaging.server.store.Sender;
import io.github.ccmessaging.server.store.TestStores;
import io.github.ccmessaging.server.store.ConversationStoreContract;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.ccmessaging.server.channel.Channel;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract against the embedded (SQLite) store, and what only a store on disk promises. */
class EmbeddedConversationStoreTest extends ConversationStoreContract {
    @TempDir
    Path scratch;
    private final AtomicInteger stores = new AtomicInteger();

    @Override
    protected ConversationStore newStore(Clock clock) {
        return TestStores.embedded(scratch.resolve("store-" + stores.incrementAndGet()), clock);
    }

    private JdbcConversationStore reopen(Path dir) {
        return closedAfterTheTest(TestStores.embedded(dir, FIXED));
    }

    @Test
    void everythingSurvivesClosingAndReopening() {
        Path dir = scratch.resolve("durable");
        JdbcConversationStore before = TestStores.embedded(dir, FIXED);
        Channel channel = new Channel(CHANNEL, "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9", "channel-token", URL, "secret");
        CreateOutcome created;
        String open;
        String closed;
        OutboxItem leased;
        try {
            before.registeredChannels().save(channel);
            created = before.create(new NewConversation(CHANNEL, "customer-1", "request-1", CONTEXT,
                    message("start-1", "Hello"), T0));
            open = created.conversationId();
            append(before, open, new NewActivity(null, "event", "{\"type\":\"event\"}", T0.plusNanos(7), false,
                    Sender.SYSTEM));
            append(before, open, outbound("delivered"));
            append(before, open, outbound("retried"));
            append(before, open, outbound("waiting"));
            append(before, open, new NewActivity(null, "message", json("nowhere"), T0, false, Sender.REPRESENTATIVE,
                    new Outbound(null, null)));
            before.updateContext(CHANNEL, open, old -> "{\"topic\":\"refund\"}");
            before.markRead(CHANNEL, open, BASE + 2);
            OutboxItem first = before.claimDue("owner-a", NOW, LEASE, 10).get(0);
            before.finish(first, "owner-a", new Delivery(Delivery.Status.DELIVERED, 1, null), NOW);
            OutboxItem second = before.claimDue("owner-a", NOW, LEASE, 10).get(0);
            before.finish(second, "owner-a", new Delivery(Delivery.Status.PENDING, 1, "HTTP 503"), NOW.plusSeconds(20));

            closed = before.create(newConversation("customer-2", null)).conversationId();
            append(before, closed, message("client-9", "bye"));
            append(before, closed, outbound("leased"));
            leased = before.claimDue("owner-a", NOW, LEASE, 10).get(0);
            assertThat(leased.conversationId()).isEqualTo(closed);
            before.close(CHANNEL, closed);
        } finally {
            before.close();
        }

        JdbcConversationStore after = reopen(dir);

        assertThat(after.registeredChannels().find(CHANNEL)).contains(channel);
        assertThat(after.find(CHANNEL, open)).contains(
                new Conversation(open, CHANNEL, "customer-1", "{\"topic\":\"refund\"}", T0, true, BASE + 2));
        assertThat(after.find(CHANNEL, closed)).contains(
                new Conversation(closed, CHANNEL, "customer-2", CONTEXT, T0, false, 0));
        assertThat(ids(after.openConversations(CHANNEL, null, null, 10))).containsExactly(open);
        assertThat(after.activities(CHANNEL, open)).containsExactly(
                new StoredActivity(BASE, "start-1", "message", json("Hello"), T0, Sender.CUSTOMER),
                new StoredActivity(BASE + 1, null, "event", "{\"type\":\"event\"}", T0.plusNanos(7), Sender.SYSTEM),
                new StoredActivity(BASE + 2, null, "message", json("delivered"), T0, Sender.REPRESENTATIVE),
                new StoredActivity(BASE + 3, null, "message", json("retried"), T0, Sender.REPRESENTATIVE),
                new StoredActivity(BASE + 4, null, "message", json("waiting"), T0, Sender.REPRESENTATIVE),
                new StoredActivity(BASE + 5, null, "message", json("nowhere"), T0, Sender.REPRESENTATIVE));
        assertThat(after.deliveries(CHANNEL, open)).isEqualTo(Map.of(
                BASE + 2, new Delivery(Delivery.Status.DELIVERED, 1, null),
                BASE + 3, new Delivery(Delivery.Status.PENDING, 1, "HTTP 503"),
                BASE + 4, new Delivery(Delivery.Status.PENDING, 0, null),
                BASE + 5, new Delivery(Delivery.Status.FAILED, 0, "no webhook URL is registered for channel " + CHANNEL)));
        assertThat(after.deliveries(CHANNEL, closed)).as("the leased attempt is counted")
                .isEqualTo(Map.of(BASE + 1, new Delivery(Delivery.Status.PENDING, 1, null)));

        // Idempotency records survived: the repeated request and client ids are recognised.
        assertThat(after.create(newConversation("customer-9", "request-1"))).isEqualTo(created);
        assertThat(created.startMessageId()).isEqualTo(OptionalLong.of(BASE));
        assertThat(after.append(CHANNEL, open, message("start-1", "again"))).contains(new Appended(BASE, true));
        assertThat(after.append(CHANNEL, closed, message("client-9", "again"))).contains(new Appended(BASE, true));
        // The customer's open conversation is still the one reused; messageIds go on from the last one.
        assertThat(after.create(newConversation("customer-1", null)).conversationId()).isEqualTo(open);
        assertThat(append(after, open, message(null, "next"))).isEqualTo(BASE + 6);

        // The lease and the retry time survived: nothing is claimable before both end.
        assertThat(after.claimDue("owner-b", NOW.plusSeconds(19), LEASE, 10)).isEmpty();
        assertThat(after.claimDue("owner-b", NOW.plusSeconds(20), LEASE, 10))
                .containsExactly(itemOf(open, BASE + 3, "retried", 2));
        assertThat(after.claimDue("owner-b", NOW.plus(LEASE).plusSeconds(1), LEASE, 10))
                .containsExactly(itemOf(closed, BASE + 1, "leased", 2));
        assertThat(after.finish(leased, "owner-a", new Delivery(Delivery.Status.DELIVERED, 1, null), NOW)).isFalse();
    }

    @Test
    void theSchemaHistoryHasEveryVersionAndReopeningMigratesNothingAgain() throws SQLException {
        Path dir = scratch.resolve("migrated");
        TestStores.embedded(dir, FIXED).close();
        assertThat(schemaHistory(dir)).containsExactly("1:true", "2:true", "3:true");

        try (JdbcConversationStore second = TestStores.embedded(dir, FIXED)) {
            assertThatCode(second::checkHealth).doesNotThrowAnyException();
        }
        JdbcConversationStore third = reopen(dir);

        assertThatCode(third::checkHealth).doesNotThrowAnyException();
        assertThat(schemaHistory(dir)).containsExactly("1:true", "2:true", "3:true");
    }

    /**
     * An append finds the last messageId at the end of the conversation's activities and leaves the conversation's
     * row alone (one page fewer for each commit to write); a row that names a later messageId (a database written
     * before) is still respected.
     */
    @Test
    void messageIdsGoOnFromTheActivitiesWithoutWritingTheConversationRow() throws SQLException {
        Path dir = scratch.resolve("row-untouched");
        String conversation;
        try (JdbcConversationStore store = TestStores.embedded(dir, FIXED)) {
            conversation = store.create(newConversation(null, null)).conversationId();
            assertThat(append(store, conversation, message(null, "one"))).isEqualTo(BASE);
            assertThat(append(store, conversation, message(null, "two"))).isEqualTo(BASE + 1);
        }
        assertThat(sql(dir, "SELECT last_message_id FROM conversations WHERE id = '" + conversation + "'"))
                .as("the row was not written by the appends").isEqualTo(0);
        JdbcConversationStore reopened = reopen(dir);
        assertThat(append(reopened, conversation, message(null, "three"))).isEqualTo(BASE + 2);
        reopened.close();

        sql(dir, "UPDATE conversations SET last_message_id = " + (BASE + 40) + " WHERE id = '" + conversation + "'");
        JdbcConversationStore written = reopen(dir);
        assertThat(append(written, conversation, message(null, "four"))).isEqualTo(BASE + 41);
        assertThat(append(written, conversation, message(null, "five"))).isEqualTo(BASE + 42);
    }

    /** Client ids are indexed only where given: still unique per conversation, still found again. */
    @Test
    void onlyActivitiesWithAClientIdAreInTheClientIdIndex() throws SQLException {
        Path dir = scratch.resolve("partial-index");
        try (JdbcConversationStore store = TestStores.embedded(dir, FIXED)) {
            String conversation = store.create(newConversation(null, null)).conversationId();
            append(store, conversation, message(null, "no id"));
            append(store, conversation, message(null, "no id either"));
            long first = append(store, conversation, message("client-1", "with id"));
            assertThat(store.append(CHANNEL, conversation, message("client-1", "again")))
                    .contains(new Appended(first, true));
        }
        assertThat(sql(dir, "SELECT count(*) FROM activities INDEXED BY activities_by_client_id "
                + "WHERE client_id IS NOT NULL")).isEqualTo(1);
        assertThat(sql(dir, "SELECT count(*) FROM pragma_index_info('activities_by_client_id')")).isEqualTo(2);
        assertThat(sql(dir, "SELECT partial FROM pragma_index_list('activities') "
                + "WHERE name = 'activities_by_client_id'")).isEqualTo(1);
    }

    /** Runs one statement on the store's file; a query's first column of its first row, or the rows changed. */
    private static long sql(Path dir, String statement) throws SQLException {
        String url = "jdbc:sqlite:" + dir.resolve(DurableStores.EMBEDDED_FILE).toAbsolutePath();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            if (!s.execute(statement)) {
                return s.getUpdateCount();
            }
            try (ResultSet rs = s.getResultSet()) {
                assertThat(rs.next()).as(statement).isTrue();
                return rs.getLong(1);
            }
        }
    }

    private static List<String> schemaHistory(Path dir) throws SQLException {
        String url = "jdbc:sqlite:" + dir.resolve(DurableStores.EMBEDDED_FILE).toAbsolutePath();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, success FROM flyway_schema_history "
                     + "WHERE version IS NOT NULL ORDER BY installed_rank")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString("version") + ":" + rs.getBoolean("success"));
            }
            return rows;
        }
    }
}
