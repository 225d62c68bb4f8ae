package io.github.ccmessaging.server.store.jdbc;

import io.github.ccmessaging.server.store.Conversation;
import io.github.ccmessaging.server.store.OutboxItem;
import io.github.ccmessaging.server.store.Appended;
import io.github.ccmessaging.server.store.CreateOutcome;
import io.github.ccmessaging.server.store.ConversationStore;
import io.github.ccmessaging.server.store.Delivery;
import io.github.ccmessaging.server.store.NewConversation;
import io.github.ccmessaging.server.store.TestStores;
import io.github.ccmessaging.server.store.ConversationStoreContract;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The store contract against PostgreSQL, and what only a shared database promises: two stores on one schema (two
 * server instances on one database) behave as one. Skipped without {@code -Dmessaging.test.postgres.url}.
 */
class PostgresConversationStoreTest extends ConversationStoreContract {

    @Override
    protected ConversationStore newStore(Clock clock) {
        return TestStores.postgres(clock);
    }

    /** Two instances on one new schema. */
    private List<ConversationStore> twoInstances() {
        DatabaseSettings schema = TestStores.newPostgresSchema();
        ConversationStore a = closedAfterTheTest(TestStores.postgres(schema, FIXED));
        ConversationStore b = closedAfterTheTest(TestStores.postgres(schema, FIXED));
        return List.of(a, b);
    }

    @Test
    void aConversationCreatedOnOneInstanceIsUsableOnTheOther() {
        List<ConversationStore> instances = twoInstances();
        ConversationStore a = instances.get(0);
        ConversationStore b = instances.get(1);

        CreateOutcome created = a.create(new NewConversation(CHANNEL, "customer-1", "request-1", CONTEXT,
                message("start-1", "Hello"), T0));
        String id = created.conversationId();

        assertThat(b.find(CHANNEL, id)).contains(new Conversation(id, CHANNEL, "customer-1", CONTEXT, T0, true, 0));
        assertThat(append(b, id, outbound("from b"))).isEqualTo(BASE + 1);
        assertThat(messageIds(a, id)).containsExactly(BASE, BASE + 1);
        assertThat(a.deliveries(CHANNEL, id)).isEqualTo(Map.of(BASE + 1, new Delivery(Delivery.Status.PENDING, 0, null)));
        assertThat(b.create(newConversation("customer-1", "request-1"))).isEqualTo(created);
        assertThat(b.create(newConversation("customer-1", null)))
                .isEqualTo(new CreateOutcome(id, false, OptionalLong.empty()));
        assertThat(b.close(CHANNEL, id)).isTrue();
        assertThat(a.find(CHANNEL, id).orElseThrow().open()).isFalse();
        assertThat(a.append(CHANNEL, id, message("late", "late"))).isEmpty();
    }

    @Test
    void concurrentAppendsOnBothInstancesGetDistinctStrictlyIncreasingMessageIds() throws Exception {
        List<ConversationStore> instances = twoInstances();
        String id = open(instances.get(0));

        assertEightThreadsOfFiftyAppendsGetConsecutiveIds(instances, id);
    }

    @Test
    void aClientIdStoredOnOneInstanceIsRecognisedOnTheOther() {
        List<ConversationStore> instances = twoInstances();
        ConversationStore a = instances.get(0);
        ConversationStore b = instances.get(1);
        String id = open(a);
        append(a, id, message("other", "x"));
        long first = append(a, id, message("client-1", "first"));

        assertThat(b.append(CHANNEL, id, message("client-1", "retry"))).contains(new Appended(first, true));
        assertThat(first).isEqualTo(BASE + 1);
        assertThat(b.activities(CHANNEL, id)).hasSize(2);
    }

    @Test
    void concurrentRetriesOfOneClientIdOnBothInstancesStoreItOnce() throws Exception {
        List<ConversationStore> instances = twoInstances();
        String id = open(instances.get(0));
        for (int round = 0; round < 20; round++) {
            String clientId = "client-" + round;
            List<Callable<Appended>> tasks = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                ConversationStore store = instances.get(t % 2);
                tasks.add(() -> store.append(CHANNEL, id, message(clientId, "m")).orElseThrow());
            }

            List<Appended> outcomes = concurrently(tasks);

            assertThat(outcomes).extracting(Appended::messageId).as("round %d", round).containsOnly(BASE + round);
            assertThat(outcomes).filteredOn(o -> !o.duplicate()).as("round %d", round).hasSize(1);
        }
        assertThat(instances.get(1).activities(CHANNEL, id)).hasSize(20);
    }

    @Test
    void concurrentCreatesWithOneRequestIdOnBothInstancesYieldOneConversation() throws Exception {
        List<ConversationStore> instances = twoInstances();
        for (int round = 0; round < 20; round++) {
            String requestId = "request-" + round;
            List<Callable<CreateOutcome>> tasks = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                ConversationStore store = instances.get(t % 2);
                tasks.add(() -> store.create(new NewConversation(CHANNEL, null, requestId, CONTEXT,
                        message("start", "Hi"), T0)));
            }

            List<CreateOutcome> outcomes = concurrently(tasks);

            assertThat(new HashSet<>(outcomes)).as("round %d", round).hasSize(1);
            assertThat(outcomes.get(0).isNew()).isTrue();
            assertThat(outcomes.get(0).startMessageId()).isEqualTo(OptionalLong.of(BASE));
        }
        assertThat(instances.get(0).openConversations(CHANNEL, null, null, 100).orElseThrow()).hasSize(20);
    }

    /**
     * A create waits for the creates of its own customer (or request id) on any instance, and for no other: the
     * lock is the customer's, not the channel's.
     */
    @Test
    void aCreateWaitsOnlyForCreatesOfTheSameCustomer() throws Exception {
        DatabaseSettings schema = TestStores.newPostgresSchema();
        ConversationStore store = closedAfterTheTest(TestStores.postgres(schema, FIXED));
        String held = "customer-" + UUID.randomUUID();
        ExecutorService background = Executors.newSingleThreadExecutor();
        try (Connection other = DriverManager.getConnection(schema.url(), schema.user(),
                schema.password())) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, Dialect.lockKey(CHANNEL, "customer:" + held));
                lock.execute();
            }
            Future<CreateOutcome> waiting =
                    background.submit(() -> store.create(newConversation(held, null)));

            assertThat(store.create(newConversation("customer-" + UUID.randomUUID(), "request-1")).isNew())
                    .as("another customer's create goes ahead").isTrue();
            assertThat(store.create(newConversation(null, null)).isNew()).as("a create without customer").isTrue();
            assertThatThrownBy(() -> waiting.get(500,
                            TimeUnit.MILLISECONDS))
                    .as("the same customer's create waits").isInstanceOf(TimeoutException.class);
            other.commit();
            assertThat(waiting.get(30, TimeUnit.SECONDS).isNew()).isTrue();
        } finally {
            background.shutdownNow();
        }
    }

    @Test
    void concurrentCreatesForOneCustomerOnBothInstancesYieldOneConversation() throws Exception {
        List<ConversationStore> instances = twoInstances();
        for (int round = 0; round < 20; round++) {
            String customerId = "customer-" + round;
            List<Callable<CreateOutcome>> tasks = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                ConversationStore store = instances.get(t % 2);
                tasks.add(() -> store.create(newConversation(customerId, null)));
            }

            List<CreateOutcome> outcomes = concurrently(tasks);

            assertThat(outcomes).extracting(CreateOutcome::conversationId).as("round %d", round)
                    .containsOnly(outcomes.get(0).conversationId());
            assertThat(outcomes).filteredOn(CreateOutcome::isNew).as("round %d", round).hasSize(1);
        }
        assertThat(instances.get(0).openConversations(CHANNEL, null, null, 100).orElseThrow()).hasSize(20);
    }

    @Test
    void concurrentClaimsByTwoInstancesNeverHandOutTheSameDelivery() throws Exception {
        List<ConversationStore> instances = twoInstances();
        ConversationStore a = instances.get(0);
        ConversationStore b = instances.get(1);
        Set<String> conversations = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            String id = open(a);
            append(a, id, outbound("m" + i));
            conversations.add(id);
        }

        for (int round = 0; round < 50; round++) {
            var now = NOW.plusSeconds(round);
            List<List<OutboxItem>> claims = concurrently(List.of(
                    () -> a.claimDue("owner-a", now, LEASE, 100),
                    () -> b.claimDue("owner-b", now, LEASE, 100)));

            Set<String> byA = new HashSet<>(claims.get(0).stream().map(OutboxItem::conversationId).toList());
            Set<String> byB = new HashSet<>(claims.get(1).stream().map(OutboxItem::conversationId).toList());
            assertThat(Collections.disjoint(byA, byB)).as("round %d: %s claimed by both", round, byA).isTrue();
            Set<String> all = new HashSet<>(byA);
            all.addAll(byB);
            assertThat(all).as("round %d: every due delivery claimed once", round).isEqualTo(conversations);
            assertThat(claims.get(0).size() + claims.get(1).size()).isEqualTo(20);
            // Each owner reports a failed attempt, due again at once: the next round claims them all again.
            for (OutboxItem item : claims.get(0)) {
                assertThat(item.attempts()).isEqualTo(round + 1);
                assertThat(a.finish(item, "owner-a", new Delivery(Delivery.Status.PENDING, round + 1, "HTTP 503"), now))
                        .isTrue();
            }
            for (OutboxItem item : claims.get(1)) {
                assertThat(item.attempts()).isEqualTo(round + 1);
                assertThat(b.finish(item, "owner-b", new Delivery(Delivery.Status.PENDING, round + 1, "HTTP 503"), now))
                        .isTrue();
            }
        }
    }
}
