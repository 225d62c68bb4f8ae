package io.github.ccmessaging.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.ccmessaging.server.channel.Channel;
import io.github.ccmessaging.server.channel.ChannelStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link ConversationStore} promises, run against each store by its subclass. Most tests use a
 * clock that stands still at {@link #BASE} milliseconds, so the messageIds a conversation gets are exactly
 * {@code BASE, BASE + 1, ...}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class ConversationStoreContract {
    protected static final String CHANNEL = "5d3f0e8a-1b2c-4d5e-8f90-a1b2c3d4e5f6";
    protected static final String OTHER_CHANNEL = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";
    /** The milliseconds the fixed clock shows: the first messageId of every conversation. */
    protected static final long BASE = 1_745_323_200_123L;
    protected static final Clock FIXED = Clock.fixed(Instant.ofEpochMilli(BASE), ZoneOffset.UTC);
    /** When the requests arrive: with nanoseconds, to prove they are kept exactly. */
    protected static final Instant T0 = Instant.parse("2025-04-22T12:00:00.123456789Z");
    /** A time at which every delivery scheduled in these tests is due. */
    protected static final Instant NOW = T0.plusSeconds(60);
    protected static final Duration LEASE = Duration.ofSeconds(30);
    protected static final String URL = "https://webhook.example.test/hooks";
    protected static final String TOKEN = "webhook-token-1";
    protected static final String CONTEXT = "{\"topic\":\"billing\",\"vip\":true}";

    private final List<ConversationStore> opened = new ArrayList<>();

    /** A new, empty store whose messageIds follow {@code clock}; closed after the test. */
    protected abstract ConversationStore newStore(Clock clock);

    /** A new, empty store on the fixed clock. */
    protected final ConversationStore store() {
        return store(FIXED);
    }

    protected final ConversationStore store(Clock clock) {
        return closedAfterTheTest(newStore(clock));
    }

    /** Closes {@code store} after the test (stores a subclass opens itself). */
    protected final <S extends ConversationStore> S closedAfterTheTest(S store) {
        opened.add(store);
        return store;
    }

    @AfterEach
    void closeStores() {
        RuntimeException failure = null;
        for (ConversationStore store : opened) {
            try {
                store.close();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        opened.clear();
        if (failure != null) {
            throw failure;
        }
    }

    // ---- helpers ----

    protected static NewConversation newConversation(String customerId, String requestId) {
        return new NewConversation(CHANNEL, customerId, requestId, CONTEXT, null, T0);
    }

    protected static NewConversation newConversationIn(String channelId, String customerId, String requestId) {
        return new NewConversation(channelId, customerId, requestId, CONTEXT, null, T0);
    }

    protected static NewConversation createdAt(Instant createdAt) {
        return new NewConversation(CHANNEL, null, null, CONTEXT, null, createdAt);
    }

    protected static String json(String text) {
        return "{\"type\":\"message\",\"text\":\"" + text + "\"}";
    }

    protected static NewActivity message(String clientId, String text) {
        return new NewActivity(clientId, "message", json(text), T0, false);
    }

    protected static NewActivity outbound(String text) {
        return new NewActivity(null, "message", json(text), T0, false, Sender.REPRESENTATIVE, new Outbound(URL, TOKEN));
    }

    protected static NewActivity endOfConversation(String clientId) {
        return new NewActivity(clientId, "endOfConversation", "{\"type\":\"endOfConversation\"}", T0, true);
    }

    protected static String open(ConversationStore store) {
        return store.create(newConversation(null, null)).conversationId();
    }

    protected static long append(ConversationStore store, String conversationId, NewActivity activity) {
        Appended appended = store.append(CHANNEL, conversationId, activity).orElseThrow();
        assertThat(appended.duplicate()).as("duplicate").isFalse();
        return appended.messageId();
    }

    protected static OutboxItem itemOf(String conversationId, long messageId, String text, int attempts) {
        return new OutboxItem(conversationId, messageId, URL, TOKEN, json(text), T0, attempts);
    }

    protected static List<String> ids(Optional<List<Conversation>> page) {
        assertThat(page).as("page").isPresent();
        return page.get().stream().map(Conversation::id).toList();
    }

    protected static List<Long> messageIds(ConversationStore store, String conversationId) {
        return store.activities(CHANNEL, conversationId).stream().map(StoredActivity::messageId).toList();
    }

    /** Runs {@code tasks} at once and returns their results in order. */
    protected static <T> List<T> concurrently(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    protected static void assertStrictlyIncreasing(List<Long> ids) {
        for (int i = 1; i < ids.size(); i++) {
            assertThat(ids.get(i)).as("messageId #%d after %d", i, ids.get(i - 1)).isGreaterThan(ids.get(i - 1));
        }
    }

    /** A clock the test moves. */
    protected static final class SettableClock extends Clock {
        private final AtomicReference<Instant> now;

        SettableClock(Instant now) {
            this.now = new AtomicReference<>(now);
        }

        void set(Instant instant) {
            now.set(instant);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    /**
     * 8 threads × 50 appends to one conversation, thread {@code t} through {@code instances.get(t % size)}: every
     * thread sees its ids increase, and the stored ids are the 400 consecutive ones from {@code BASE} (the clock
     * stands still).
     */
    protected static void assertEightThreadsOfFiftyAppendsGetConsecutiveIds(List<ConversationStore> instances, String id)
            throws Exception {
        List<Callable<List<Long>>> tasks = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            ConversationStore store = instances.get(t % instances.size());
            tasks.add(() -> {
                List<Long> mine = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    mine.add(append(store, id, message("t" + thread + "-" + i, "m")));
                }
                return mine;
            });
        }

        List<List<Long>> perThread = concurrently(tasks);

        Set<Long> returned = new HashSet<>();
        perThread.forEach(mine -> {
            assertStrictlyIncreasing(mine);
            returned.addAll(mine);
        });
        List<Long> stored = messageIds(instances.get(instances.size() - 1), id);
        assertThat(returned).hasSize(400);
        assertThat(stored).hasSize(400);
        assertStrictlyIncreasing(stored);
        assertThat(new HashSet<>(stored)).isEqualTo(returned);
        assertThat(stored.get(0)).isEqualTo(BASE);
        assertThat(stored.get(399)).isEqualTo(BASE + 399);
    }

    /** A conversation is created and found again. */
    @Nested
    class CreatingAndFinding {
        @Test
        void aCreatedConversationIsFoundWithEveryField() {
            ConversationStore store = store();

            CreateOutcome outcome = store.create(new NewConversation(CHANNEL, "customer-1", null, CONTEXT, null, T0));

            assertThat(outcome.isNew()).isTrue();
            assertThat(outcome.startMessageId()).isEqualTo(OptionalLong.empty());
            assertThat(outcome.conversationId()).isNotBlank();
            assertThat(store.find(CHANNEL, outcome.conversationId())).contains(
                    new Conversation(outcome.conversationId(), CHANNEL, "customer-1", CONTEXT, T0, true, 0));
            assertThat(store.activities(CHANNEL, outcome.conversationId())).isEmpty();
            assertThat(store.deliveries(CHANNEL, outcome.conversationId())).isEmpty();
        }

        @Test
        void aConversationWithoutCustomerIdKeepsNullAndEveryCreateStartsANewOne() {
            ConversationStore store = store();

            CreateOutcome first = store.create(newConversation(null, null));
            CreateOutcome second = store.create(newConversation(null, null));

            assertThat(second.isNew()).isTrue();
            assertThat(second.conversationId()).isNotEqualTo(first.conversationId());
            assertThat(store.find(CHANNEL, first.conversationId()).orElseThrow().customerId()).isNull();
            assertThat(ids(store.openConversations(CHANNEL, null, null, 10)))
                    .containsExactly(first.conversationId(), second.conversationId());
        }

        @Test
        void aStartMessageIsStoredAsTheFirstActivityAndItsMessageIdReturned() {
            ConversationStore store = store();

            CreateOutcome outcome = store.create(new NewConversation(CHANNEL, "customer-1", null, CONTEXT,
                    message("start-1", "Hello"), T0));

            assertThat(outcome.isNew()).isTrue();
            assertThat(outcome.startMessageId()).isEqualTo(OptionalLong.of(BASE));
            assertThat(store.activities(CHANNEL, outcome.conversationId())).containsExactly(
                    new StoredActivity(BASE, "start-1", "message", json("Hello"), T0, Sender.CUSTOMER));
            assertThat(append(store, outcome.conversationId(), message("next", "Next"))).isEqualTo(BASE + 1);
        }

        @Test
        void findOfAnUnknownConversationIsEmpty() {
            ConversationStore store = store();
            open(store);

            assertThat(store.find(CHANNEL, "no-such-conversation")).isEmpty();
            assertThat(store.activities(CHANNEL, "no-such-conversation")).isEmpty();
            assertThat(store.deliveries(CHANNEL, "no-such-conversation")).isEmpty();
        }
    }

    /** A repeated conversationrequestid replays the first outcome. */
    @Nested
    class RepeatedCreateRequests {
        @Test
        void aRepeatedRequestIdReplaysTheFirstOutcomeAndStoresNothingNew() {
            ConversationStore store = store();
            CreateOutcome first = store.create(new NewConversation(CHANNEL, "customer-1", "request-1", CONTEXT,
                    message("start-1", "Hello"), T0));

            CreateOutcome replay = store.create(new NewConversation(CHANNEL, "customer-2", "request-1", "{\"other\":1}",
                    message("start-2", "Hello again"), T0.plusSeconds(5)));

            assertThat(replay).isEqualTo(new CreateOutcome(first.conversationId(), true, OptionalLong.of(BASE)));
            assertThat(store.activities(CHANNEL, first.conversationId())).extracting(StoredActivity::clientId)
                    .containsExactly("start-1");
            assertThat(store.find(CHANNEL, first.conversationId())).contains(
                    new Conversation(first.conversationId(), CHANNEL, "customer-1", CONTEXT, T0, true, 0));
            assertThat(ids(store.openConversations(CHANNEL, null, null, 10))).containsExactly(first.conversationId());
        }

        @Test
        void aRepeatedRequestIdReplaysEvenAfterTheConversationClosed() {
            ConversationStore store = store();
            CreateOutcome first = store.create(newConversation("customer-1", "request-1"));
            store.close(CHANNEL, first.conversationId());

            CreateOutcome replay = store.create(newConversation("customer-1", "request-1"));

            assertThat(replay).isEqualTo(first);
            assertThat(store.openConversations(CHANNEL, null, null, 10)).contains(List.of());
        }

        @Test
        void aRepeatedRequestIdReplaysAReusedConversationOutcome() {
            ConversationStore store = store();
            String active = store.create(newConversation("customer-1", null)).conversationId();
            CreateOutcome reused = store.create(newConversation("customer-1", "request-2"));
            store.close(CHANNEL, active);

            CreateOutcome replay = store.create(newConversation("customer-1", "request-2"));

            assertThat(reused).isEqualTo(new CreateOutcome(active, false, OptionalLong.empty()));
            assertThat(replay).isEqualTo(reused);
        }

        @Test
        void theSameRequestIdInAnotherChannelStartsItsOwnConversation() {
            ConversationStore store = store();
            CreateOutcome here = store.create(newConversation("customer-1", "request-1"));

            CreateOutcome there = store.create(newConversationIn(OTHER_CHANNEL, "customer-1", "request-1"));

            assertThat(there.isNew()).isTrue();
            assertThat(there.conversationId()).isNotEqualTo(here.conversationId());
            assertThat(store.find(OTHER_CHANNEL, there.conversationId()).orElseThrow().channelId())
                    .isEqualTo(OTHER_CHANNEL);
            assertThat(store.create(newConversationIn(OTHER_CHANNEL, null, "request-1"))).isEqualTo(there);
            assertThat(store.create(newConversation(null, "request-1"))).isEqualTo(here);
        }
    }

    /** A customer's open conversation is reused until it closes. */
    @Nested
    class ACustomersActiveConversation {
        @Test
        void aCustomersOpenConversationIsReusedUntilItIsClosed() {
            ConversationStore store = store();
            CreateOutcome first = store.create(newConversation("customer-1", null));

            CreateOutcome again = store.create(new NewConversation(CHANNEL, "customer-1", null, "{\"other\":1}",
                    message("ignored", "Hi"), T0.plusSeconds(1)));
            assertThat(again).isEqualTo(new CreateOutcome(first.conversationId(), false, OptionalLong.empty()));
            assertThat(store.activities(CHANNEL, first.conversationId())).isEmpty();
            assertThat(store.find(CHANNEL, first.conversationId()).orElseThrow().contextJson()).isEqualTo(CONTEXT);

            assertThat(store.close(CHANNEL, first.conversationId())).isTrue();
            CreateOutcome next = store.create(newConversation("customer-1", null));

            assertThat(next.isNew()).isTrue();
            assertThat(next.conversationId()).isNotEqualTo(first.conversationId());
            assertThat(store.create(newConversation("customer-1", null)))
                    .isEqualTo(new CreateOutcome(next.conversationId(), false, OptionalLong.empty()));
        }

        @Test
        void aCustomersConversationEndedByAnActivityIsNotReused() {
            ConversationStore store = store();
            String first = store.create(newConversation("customer-1", null)).conversationId();
            append(store, first, endOfConversation(null));

            CreateOutcome next = store.create(newConversation("customer-1", null));

            assertThat(next.isNew()).isTrue();
            assertThat(next.conversationId()).isNotEqualTo(first);
        }

        @Test
        void theSameCustomerInAnotherChannelGetsItsOwnConversation() {
            ConversationStore store = store();
            String here = store.create(newConversation("customer-1", null)).conversationId();

            CreateOutcome there = store.create(newConversationIn(OTHER_CHANNEL, "customer-1", null));

            assertThat(there.isNew()).isTrue();
            assertThat(there.conversationId()).isNotEqualTo(here);
            assertThat(store.create(newConversation("customer-1", null)).conversationId()).isEqualTo(here);
        }
    }

    /** messageIds: 13-digit epoch milliseconds, strictly increasing per conversation. */
    @Nested
    class MessageIds {
        @Test
        void messageIdsAreConsecutiveWhileTheClockStandsStill() {
            ConversationStore store = store();
            String id = open(store);

            List<Long> assigned = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                assigned.add(append(store, id, message(null, "m" + i)));
            }

            assertThat(assigned).containsExactly(BASE, BASE + 1, BASE + 2, BASE + 3, BASE + 4);
            assertThat(messageIds(store, id)).isEqualTo(assigned);
        }

        @Test
        void messageIdsFollowTheClockAndNeverGoBackWhenItDoes() {
            SettableClock clock = new SettableClock(Instant.ofEpochMilli(BASE));
            ConversationStore store = store(clock);
            String id = open(store);

            long first = append(store, id, message(null, "a"));
            clock.set(Instant.ofEpochMilli(BASE + 1_000));
            long second = append(store, id, message(null, "b"));
            clock.set(Instant.ofEpochMilli(BASE + 10));
            long third = append(store, id, message(null, "c"));

            assertThat(List.of(first, second, third)).containsExactly(BASE, BASE + 1_000, BASE + 1_001);
        }

        @Test
        void messageIdsIncreasePerConversation() {
            ConversationStore store = store();
            String one = open(store);
            String two = open(store);

            long a1 = append(store, one, message(null, "a"));
            long a2 = append(store, one, message(null, "b"));
            long b1 = append(store, two, message(null, "c"));

            assertThat(List.of(a1, a2, b1)).containsExactly(BASE, BASE + 1, BASE);
        }

        @Test
        void messageIdsAreThirteenDigitEpochMillisecondsWithTheSystemClock() {
            ConversationStore store = store(Clock.systemUTC());
            String id = open(store);

            long before = System.currentTimeMillis();
            List<Long> assigned = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                assigned.add(append(store, id, message(null, "m" + i)));
            }
            long after = System.currentTimeMillis();

            assertThat(assigned).allSatisfy(m -> assertThat(Long.toString(m)).hasSize(13));
            assertThat(assigned.get(0)).isBetween(before, after);
            assertThat(assigned.get(2)).isBetween(before, after + 2);
            assertStrictlyIncreasing(assigned);
        }
    }

    /** An activity id seen before is a retry: stored once, its first messageId returned. */
    @Nested
    class RepeatedClientIds {
        @Test
        void aRepeatedClientIdReturnsTheFirstMessageIdAndStoresOnce() {
            ConversationStore store = store();
            String id = open(store);
            append(store, id, message("client-1", "first"));
            append(store, id, message("client-2", "second"));

            Optional<Appended> retry = store.append(CHANNEL, id, message("client-1", "changed"));

            assertThat(retry).contains(new Appended(BASE, true));
            assertThat(store.activities(CHANNEL, id)).extracting(StoredActivity::clientId, StoredActivity::json)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("client-1", json("first")),
                            org.assertj.core.groups.Tuple.tuple("client-2", json("second")));
            assertThat(append(store, id, message("client-3", "third"))).isEqualTo(BASE + 2);
        }

        @Test
        void aRepeatedClientIdIsRecognisedAfterTheConversationClosed() {
            ConversationStore store = store();
            String id = open(store);
            append(store, id, message("client-1", "first"));
            append(store, id, endOfConversation("end-1"));

            assertThat(store.append(CHANNEL, id, message("client-1", "retry"))).contains(new Appended(BASE, true));
            assertThat(store.append(CHANNEL, id, endOfConversation("end-1"))).contains(new Appended(BASE + 1, true));
            assertThat(store.append(CHANNEL, id, message("client-2", "new"))).isEmpty();
            assertThat(messageIds(store, id)).containsExactly(BASE, BASE + 1);
        }

        @Test
        void aRepeatedClientIdOfTheStartMessageIsRecognised() {
            ConversationStore store = store();
            String id = store.create(new NewConversation(CHANNEL, null, null, CONTEXT, message("start-1", "Hi"), T0))
                    .conversationId();

            assertThat(store.append(CHANNEL, id, message("start-1", "Hi"))).contains(new Appended(BASE, true));
            assertThat(store.activities(CHANNEL, id)).hasSize(1);
        }

        @Test
        void clientIdsArePerConversation() {
            ConversationStore store = store();
            String one = open(store);
            String two = open(store);
            append(store, one, message("client-1", "a"));
            append(store, one, message("client-2", "b"));

            assertThat(store.append(CHANNEL, two, message("client-2", "c"))).contains(new Appended(BASE, false));
            assertThat(store.activities(CHANNEL, two)).extracting(StoredActivity::json).containsExactly(json("c"));
        }

        @Test
        void aRepeatedClientIdSchedulesNoSecondDelivery() {
            ConversationStore store = store();
            String id = open(store);
            NewActivity activity = new NewActivity("agent-1", "message", json("hi"), T0, false, Sender.REPRESENTATIVE,
                    new Outbound(URL, TOKEN));
            append(store, id, activity);

            assertThat(store.append(CHANNEL, id, activity)).contains(new Appended(BASE, true));
            assertThat(store.deliveries(CHANNEL, id))
                    .isEqualTo(Map.of(BASE, new Delivery(Delivery.Status.PENDING, 0, null)));
            assertThat(store.claimDue("owner-a", NOW, LEASE, 10)).containsExactly(
                    new OutboxItem(id, BASE, URL, TOKEN, json("hi"), T0, 1));
        }
    }

    /** Nothing is appended to an unknown, closed or foreign conversation. */
    @Nested
    class AppendingWhereItCannotGo {
        @Test
        void appendingToAnUnknownConversationFindsNothing() {
            ConversationStore store = store();
            open(store);

            assertThat(store.append(CHANNEL, "no-such-conversation", message("c", "x"))).isEmpty();
            assertThat(store.activities(CHANNEL, "no-such-conversation")).isEmpty();
        }

        @Test
        void appendingToAClosedConversationFindsNothingAndStoresNothing() {
            ConversationStore store = store();
            String id = open(store);
            append(store, id, message(null, "before"));
            assertThat(store.close(CHANNEL, id)).isTrue();

            assertThat(store.append(CHANNEL, id, message("late", "after"))).isEmpty();
            assertThat(store.append(CHANNEL, id, outbound("late outbound"))).isEmpty();
            assertThat(messageIds(store, id)).containsExactly(BASE);
            assertThat(store.deliveries(CHANNEL, id)).isEmpty();
        }

        @Test
        void appendingWithAnotherChannelsIdFindsNothingAndStoresNothing() {
            ConversationStore store = store();
            String id = open(store);

            assertThat(store.append(OTHER_CHANNEL, id, outbound("wrong channel"))).isEmpty();
            assertThat(store.activities(CHANNEL, id)).isEmpty();
            assertThat(store.deliveries(CHANNEL, id)).isEmpty();
            assertThat(append(store, id, message(null, "right channel"))).isEqualTo(BASE);
        }

        @Test
        void anActivityThatEndsTheConversationIsStoredAndClosesIt() {
            ConversationStore store = store();
            String id = open(store);

            Optional<Appended> end = store.append(CHANNEL, id, endOfConversation("end-1"));

            assertThat(end).contains(new Appended(BASE, false));
            assertThat(store.find(CHANNEL, id)).contains(new Conversation(id, CHANNEL, null, CONTEXT, T0, false, 0));
            assertThat(store.activities(CHANNEL, id)).containsExactly(new StoredActivity(BASE, "end-1",
                    "endOfConversation", "{\"type\":\"endOfConversation\"}", T0, Sender.CUSTOMER));
            assertThat(store.openConversations(CHANNEL, null, null, 10)).contains(List.of());
            assertThat(store.close(CHANNEL, id)).isFalse();
        }

        @Test
        void closeIsTrueOnlyForAnOpenConversation() {
            ConversationStore store = store();
            String id = open(store);

            assertThat(store.close(CHANNEL, "no-such-conversation")).isFalse();
            assertThat(store.close(CHANNEL, id)).isTrue();
            assertThat(store.close(CHANNEL, id)).isFalse();
            assertThat(store.find(CHANNEL, id).orElseThrow().open()).isFalse();
        }
    }

    /** A conversation's activities, whole and one by one. */
    @Nested
    class Activities {
        @Test
        void activitiesRoundTripEveryFieldInMessageIdOrder() {
            ConversationStore store = store();
            String id = open(store);
            String tricky = "{\"type\":\"message\",\"text\":\"Grüße \\\"quoted\\\"\\nline 2 \\u2603 ☃ 😀\","
                    + "\"attachments\":[{\"contentType\":\"image/png\",\"contentUrl\":\"https://x.test/a?b=c&d=e\"}]}";
            Instant early = Instant.parse("2025-04-22T11:59:59.000000001Z");
            Instant late = Instant.parse("2025-04-22T12:00:01.999999999Z");
            store.append(CHANNEL, id, new NewActivity("client-1", "message", tricky, late, false, Sender.CUSTOMER));
            store.append(CHANNEL, id, new NewActivity(null, "event", "{\"type\":\"event\",\"name\":\"AgentAccepted\"}",
                    early, false, Sender.SYSTEM));
            store.append(CHANNEL, id, new NewActivity(null, "message", json("from the agent"), T0, false,
                    Sender.REPRESENTATIVE));
            store.append(CHANNEL, id, new NewActivity("typing-7", "typing", "{\"type\":\"typing\"}",
                    Instant.ofEpochSecond(1_745_323_200L, 0), false, Sender.CUSTOMER));

            assertThat(store.activities(CHANNEL, id)).containsExactly(
                    new StoredActivity(BASE, "client-1", "message", tricky, late, Sender.CUSTOMER),
                    new StoredActivity(BASE + 1, null, "event", "{\"type\":\"event\",\"name\":\"AgentAccepted\"}",
                            early, Sender.SYSTEM),
                    new StoredActivity(BASE + 2, null, "message", json("from the agent"), T0, Sender.REPRESENTATIVE),
                    new StoredActivity(BASE + 3, "typing-7", "typing", "{\"type\":\"typing\"}",
                            Instant.ofEpochSecond(1_745_323_200L, 0), Sender.CUSTOMER));
        }

        /** The message list reads a page: the customer's and representatives' messages after a messageId. */
        @Nested
        class APageOfMessages {
            /** customer message, system event, representative message, typing, system message, customer message. */
            private String mixed(ConversationStore store) {
                String id = open(store);
                append(store, id, message("c-1", "one"));
                append(store, id, new NewActivity(null, "event", "{\"type\":\"event\"}", T0, false, Sender.SYSTEM));
                append(store, id, new NewActivity(null, "message", json("two"), T0, false, Sender.REPRESENTATIVE));
                append(store, id, new NewActivity(null, "typing", "{\"type\":\"typing\"}", T0, false));
                append(store, id, new NewActivity(null, "message", json("system"), T0, false, Sender.SYSTEM));
                append(store, id, message(null, "three"));
                return id;
            }

            @Test
            void holdsOnlyCustomerAndRepresentativeMessagesInMessageIdOrder() {
                ConversationStore store = store();
                String id = mixed(store);
                assertThat(store.messages(CHANNEL, id, 0, 50)).containsExactly(
                        new StoredActivity(BASE, "c-1", "message", json("one"), T0, Sender.CUSTOMER),
                        new StoredActivity(BASE + 2, null, "message", json("two"), T0, Sender.REPRESENTATIVE),
                        new StoredActivity(BASE + 5, null, "message", json("three"), T0, Sender.CUSTOMER));
            }

            @Test
            void startsAfterTheGivenMessageIdAndStopsAtTheLimit() {
                ConversationStore store = store();
                String id = mixed(store);
                assertThat(store.messages(CHANNEL, id, 0, 2)).extracting(StoredActivity::messageId)
                        .containsExactly(BASE, BASE + 2);
                assertThat(store.messages(CHANNEL, id, BASE, 1)).extracting(StoredActivity::messageId)
                        .as("after the first, skipping the event").containsExactly(BASE + 2);
                assertThat(store.messages(CHANNEL, id, BASE + 2, 50)).extracting(StoredActivity::messageId)
                        .as("skipping typing and the system's message").containsExactly(BASE + 5);
                assertThat(store.messages(CHANNEL, id, BASE + 5, 50)).isEmpty();
                assertThat(store.messages(CHANNEL, id, 0, 0)).isEmpty();
            }

            @Test
            void isEmptyForAConversationOfAnotherChannelOrNone() {
                ConversationStore store = store();
                String id = mixed(store);
                assertThat(store.messages(OTHER_CHANNEL, id, 0, 50)).isEmpty();
                assertThat(store.messages(CHANNEL, "no-such-conversation", 0, 50)).isEmpty();
            }
        }

        /** A read event names one message; the store finds it by its messageId without reading the conversation. */
        @Nested
        class OneActivityByMessageId {

            @Test
            void isFoundWithEveryField() {
                ConversationStore store = store();
                String id = open(store);
                append(store, id, message("c-1", "first"));
                long second = append(store, id, new NewActivity(null, "message", json("from the agent"), T0, false,
                        Sender.REPRESENTATIVE));
                append(store, id, message("c-3", "third"));

                assertThat(store.activity(CHANNEL, id, second)).contains(
                        new StoredActivity(second, null, "message", json("from the agent"), T0, Sender.REPRESENTATIVE));
                assertThat(store.activity(CHANNEL, id, BASE)).map(StoredActivity::clientId).contains("c-1");
                assertThat(store.activity(CHANNEL, id, BASE + 2)).map(StoredActivity::clientId).contains("c-3");
            }

            @Test
            void anIdTheConversationDoesNotHaveFindsNothing() {
                ConversationStore store = store();
                String id = open(store);
                append(store, id, message(null, "only"));
                String other = open(store);
                long elsewhere = append(store, other, message(null, "in another conversation"));
                append(store, other, message(null, "and one more"));

                assertThat(store.activity(CHANNEL, id, BASE - 1)).isEmpty();
                assertThat(store.activity(CHANNEL, id, BASE + 1)).isEmpty();
                assertThat(store.activity(CHANNEL, id, elsewhere + 1)).isEmpty();
                assertThat(store.activity(CHANNEL, id, 0)).isEmpty();
                assertThat(store.activity(CHANNEL, open(store), BASE))
                        .as("a conversation without activities").isEmpty();
            }

            @Test
            void anotherChannelOrAnUnknownConversationFindsNothing() {
                ConversationStore store = store();
                String id = open(store);
                long messageId = append(store, id, message(null, "hello"));

                assertThat(store.activity(OTHER_CHANNEL, id, messageId)).isEmpty();
                assertThat(store.activity(CHANNEL, "00000000-0000-4000-8000-000000000000", messageId)).isEmpty();
            }

            @Test
            void isFoundAfterTheConversationClosed() {
                ConversationStore store = store();
                String id = open(store);
                long messageId = append(store, id, message(null, "before the end"));
                append(store, id, endOfConversation(null));

                assertThat(store.activity(CHANNEL, id, messageId)).map(StoredActivity::json)
                        .contains(json("before the end"));
            }

            @Test
            void findsEachOfManyActivities() {
                ConversationStore store = store();
                String id = open(store);
                List<Long> messageIds = new ArrayList<>();
                for (int i = 0; i < 37; i++) {
                    messageIds.add(append(store, id, message("m-" + i, "message " + i)));
                }
                for (int i = 0; i < messageIds.size(); i++) {
                    assertThat(store.activity(CHANNEL, id, messageIds.get(i))).map(StoredActivity::clientId)
                            .as("message %d", i).contains("m-" + i);
                }
            }
        }

        @Test
        void createdAtIsKeptToTheNanosecond() {
            ConversationStore store = store();
            Instant odd = Instant.parse("1999-12-31T23:59:59.987654321Z");

            String id = store.create(createdAt(odd)).conversationId();

            assertThat(store.find(CHANNEL, id).orElseThrow().createdAt()).isEqualTo(odd);
            assertThat(store.openConversations(CHANNEL, null, null, 1).orElseThrow().get(0).createdAt()).isEqualTo(odd);
        }
    }

    /** The channel's open conversations, page by page. */
    @Nested
    class OpenConversations {
        @Test
        void openConversationsListsTheChannelsOpenConversationsInCreationOrder() {
            ConversationStore store = store();
            String first = store.create(createdAt(T0.plusSeconds(3))).conversationId();
            String second = store.create(createdAt(T0.plusSeconds(1))).conversationId();
            store.create(newConversationIn(OTHER_CHANNEL, null, null));
            String third = store.create(createdAt(T0.plusSeconds(2))).conversationId();
            String fourth = store.create(createdAt(T0)).conversationId();
            store.close(CHANNEL, second);

            Optional<List<Conversation>> page = store.openConversations(CHANNEL, null, null, 10);

            assertThat(page).contains(List.of(
                    new Conversation(first, CHANNEL, null, CONTEXT, T0.plusSeconds(3), true, 0),
                    new Conversation(third, CHANNEL, null, CONTEXT, T0.plusSeconds(2), true, 0),
                    new Conversation(fourth, CHANNEL, null, CONTEXT, T0, true, 0)));
        }

        @Test
        void anEmptyChannelHasAnEmptyPage() {
            ConversationStore store = store();
            store.create(newConversationIn(OTHER_CHANNEL, null, null));

            assertThat(store.openConversations(CHANNEL, null, null, 10)).contains(List.of());
        }

        @Test
        void createdAfterKeepsOnlyConversationsCreatedStrictlyLater() {
            ConversationStore store = store();
            String early = store.create(createdAt(T0)).conversationId();
            String exact = store.create(createdAt(T0.plusSeconds(1))).conversationId();
            String justLater = store.create(createdAt(T0.plusSeconds(1).plusNanos(1))).conversationId();
            String later = store.create(createdAt(T0.plusSeconds(2))).conversationId();

            assertThat(ids(store.openConversations(CHANNEL, T0.plusSeconds(1), null, 10)))
                    .containsExactly(justLater, later);
            assertThat(ids(store.openConversations(CHANNEL, T0.minusNanos(1), null, 10)))
                    .containsExactly(early, exact, justLater, later);
            assertThat(ids(store.openConversations(CHANNEL, T0.plusSeconds(2), null, 10))).isEmpty();
        }

        @Test
        void pagesContinueAfterTheGivenConversation() {
            ConversationStore store = store();
            List<String> created = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                created.add(store.create(createdAt(T0.plusSeconds(i))).conversationId());
            }

            assertThat(ids(store.openConversations(CHANNEL, null, null, 2)))
                    .containsExactly(created.get(0), created.get(1));
            assertThat(ids(store.openConversations(CHANNEL, null, created.get(1), 2)))
                    .containsExactly(created.get(2), created.get(3));
            assertThat(ids(store.openConversations(CHANNEL, null, created.get(3), 2))).containsExactly(created.get(4));
            assertThat(ids(store.openConversations(CHANNEL, null, created.get(4), 2))).isEmpty();
        }

        @Test
        void pagesSkipClosedConversationsAndMayContinueAfterAClosedOne() {
            ConversationStore store = store();
            List<String> created = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                created.add(store.create(createdAt(T0.plusSeconds(i))).conversationId());
            }
            store.close(CHANNEL, created.get(1));
            store.close(CHANNEL, created.get(2));

            assertThat(ids(store.openConversations(CHANNEL, null, null, 2)))
                    .containsExactly(created.get(0), created.get(3));
            assertThat(ids(store.openConversations(CHANNEL, null, created.get(1), 2)))
                    .containsExactly(created.get(3), created.get(4));
            assertThat(ids(store.openConversations(CHANNEL, T0.plusSeconds(3), created.get(0), 10)))
                    .containsExactly(created.get(4));
        }

        @Test
        void anUnknownOrForeignAfterConversationIdGivesNoPage() {
            ConversationStore store = store();
            open(store);
            String foreign = store.create(newConversationIn(OTHER_CHANNEL, null, null)).conversationId();

            assertThat(store.openConversations(CHANNEL, null, "no-such-conversation", 10)).isEmpty();
            assertThat(store.openConversations(CHANNEL, null, foreign, 10)).isEmpty();
            assertThat(store.openConversations(OTHER_CHANNEL, null, foreign, 10)).contains(List.of());
        }
    }

    /** Context variables change atomically. */
    @Nested
    class Context {
        @Test
        void updateContextAppliesTheChangeAndReturnsTheConversation() {
            ConversationStore store = store();
            String id = store.create(newConversation("customer-1", null)).conversationId();
            List<String> seen = new ArrayList<>();

            Optional<Conversation> updated = store.updateContext(CHANNEL, id, old -> {
                seen.add(old);
                return "{\"topic\":\"refund\"}";
            });

            Conversation expected = new Conversation(id, CHANNEL, "customer-1", "{\"topic\":\"refund\"}", T0, true, 0);
            assertThat(seen).containsExactly(CONTEXT);
            assertThat(updated).contains(expected);
            assertThat(store.find(CHANNEL, id)).contains(expected);
        }

        @Test
        void updateContextOfAClosedConversationStillApplies() {
            ConversationStore store = store();
            String id = open(store);
            store.close(CHANNEL, id);

            assertThat(store.updateContext(CHANNEL, id, old -> "{}")).contains(
                    new Conversation(id, CHANNEL, null, "{}", T0, false, 0));
        }

        @Test
        void updateContextOfAnUnknownConversationIsEmptyAndDoesNotRunTheChange() {
            ConversationStore store = store();
            open(store);
            AtomicInteger calls = new AtomicInteger();

            assertThat(store.updateContext(CHANNEL, "no-such-conversation", old -> {
                calls.incrementAndGet();
                return old;
            })).isEmpty();
            assertThat(calls).hasValue(0);
        }

        @Test
        void concurrentContextUpdatesLoseNoUpdate() throws Exception {
            ConversationStore store = store();
            String id = store.create(new NewConversation(CHANNEL, null, null, "{\"count\":0}", null, T0))
                    .conversationId();
            Pattern count = Pattern.compile("\\{\"count\":(\\d+)}");
            AtomicInteger calls = new AtomicInteger();
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                tasks.add(() -> {
                    for (int i = 0; i < 25; i++) {
                        store.updateContext(CHANNEL, id, old -> {
                            calls.incrementAndGet();
                            Matcher m = count.matcher(old);
                            assertThat(m.matches()).as("context %s", old).isTrue();
                            return "{\"count\":" + (Integer.parseInt(m.group(1)) + 1) + "}";
                        }).orElseThrow();
                    }
                    return null;
                });
            }

            concurrently(tasks);

            assertThat(store.find(CHANNEL, id).orElseThrow().contextJson()).isEqualTo("{\"count\":200}");
            assertThat(calls).as("the change runs once per update").hasValue(200);
        }
    }

    /** The read marker only moves forward. */
    @Nested
    class ReadMarker {
        @Test
        void markReadOnlyMovesForward() {
            ConversationStore store = store();
            String id = open(store);

            store.markRead(CHANNEL, id, BASE + 5);
            assertThat(store.find(CHANNEL, id).orElseThrow().readUpTo()).isEqualTo(BASE + 5);
            store.markRead(CHANNEL, id, BASE + 3);
            assertThat(store.find(CHANNEL, id).orElseThrow().readUpTo()).isEqualTo(BASE + 5);
            store.markRead(CHANNEL, id, BASE + 5);
            assertThat(store.find(CHANNEL, id).orElseThrow().readUpTo()).isEqualTo(BASE + 5);
            store.markRead(CHANNEL, id, BASE + 9);
            assertThat(store.find(CHANNEL, id))
                    .contains(new Conversation(id, CHANNEL, null, CONTEXT, T0, true, BASE + 9));
        }

        @Test
        void markReadOfAnUnknownConversationChangesNothing() {
            ConversationStore store = store();
            String id = open(store);

            assertThatCode(() -> store.markRead(CHANNEL, "no-such-conversation", BASE)).doesNotThrowAnyException();
            assertThat(store.find(CHANNEL, id).orElseThrow().readUpTo()).isZero();
        }
    }

    /** Concurrent appends get distinct, strictly increasing messageIds. */
    @Nested
    class ConcurrentAppends {
        @Test
        void concurrentAppendsGetDistinctStrictlyIncreasingMessageIds() throws Exception {
            ConversationStore store = store();
            String id = open(store);

            assertEightThreadsOfFiftyAppendsGetConsecutiveIds(List.of(store), id);
        }
    }

    /** Webhook deliveries: claimed in order under a lease, finished once. */
    @Nested
    class Outbox {
        @Test
        void anOutboundActivityIsScheduledAsAPendingDelivery() {
            ConversationStore store = store();
            String id = open(store);
            append(store, id, message(null, "customer message"));

            long agent = append(store, id, outbound("agent message"));

            assertThat(agent).isEqualTo(BASE + 1);
            assertThat(store.deliveries(CHANNEL, id))
                    .isEqualTo(Map.of(BASE + 1, new Delivery(Delivery.Status.PENDING, 0, null)));
        }

        @Test
        void claimDueLeasesOnlyTheOldestPendingDeliveryOfAConversation() {
            ConversationStore store = store();
            String id = open(store);
            append(store, id, outbound("one"));
            append(store, id, outbound("two"));
            append(store, id, outbound("three"));

            List<OutboxItem> claimed = store.claimDue("owner-a", NOW, LEASE, 10);

            assertThat(claimed).as("the claim counts its attempt").containsExactly(itemOf(id, BASE, "one", 1));
            assertThat(store.deliveries(CHANNEL, id)).isEqualTo(Map.of(
                    BASE, new Delivery(Delivery.Status.PENDING, 1, null),
                    BASE + 1, new Delivery(Delivery.Status.PENDING, 0, null),
                    BASE + 2, new Delivery(Delivery.Status.PENDING, 0, null)));
        }

        @Test
        void aLeasedDeliveryIsNotClaimedAgainWhileTheLeaseRuns() {
            ConversationStore store = store();
            String id = open(store);
            append(store, id, outbound("one"));
            append(store, id, outbound("two"));
            store.claimDue("owner-a", NOW, LEASE, 10);

            assertThat(store.claimDue("owner-b", NOW, LEASE, 10)).isEmpty();
            assertThat(store.claimDue("owner-b", NOW.plus(LEASE).minusSeconds(1), LEASE, 10)).isEmpty();
            assertThat(store.claimDue("owner-a", NOW.plusSeconds(1), LEASE, 10)).isEmpty();
        }

        @Test
        void afterTheLeaseEndsAnotherOwnerClaimsItAndTheFirstOwnersFinishFails() {
            ConversationStore store = store();
            String id = open(store);
            append(store, id, outbound("one"));
            OutboxItem first = store.claimDue("owner-a", NOW, LEASE, 10).get(0);

            List<OutboxItem> reclaimed = store.claimDue("owner-b", NOW.plus(LEASE).plusSeconds(1), LEASE, 10);

            assertThat(reclaimed).as("the cut-off attempt stays counted").containsExactly(itemOf(id, BASE, "one", 2));
            assertThat(store.finish(first, "owner-a", new Delivery(Delivery.Status.DELIVERED, 1, null), NOW)).isFalse();
            assertThat(store.deliveries(CHANNEL, id))
                    .isEqualTo(Map.of(BASE, new Delivery(Delivery.Status.PENDING, 2, null)));
            assertThat(store.finish(reclaimed.get(0), "owner-b", new Delivery(Delivery.Status.DELIVERED, 2, null),
                    NOW.plusSeconds(91))).isTrue();
            assertThat(store.deliveries(CHANNEL, id))
                    .isEqualTo(Map.of(BASE, new Delivery(Delivery.Status.DELIVERED, 2, null)));
        }

        @Test
        void finishingPendingKeepsTheDeliveryUnclaimableUntilItsNextAttempt() {
            ConversationStore store = store();
            String id = open(store);
            append(store, id, outbound("one"));
            append(store, id, outbound("two"));
            OutboxItem item = store.claimDue("owner-a", NOW, LEASE, 10).get(0);
            Instant nextAttempt = NOW.plusSeconds(10);

            assertThat(store.finish(item, "owner-a", new Delivery(Delivery.Status.PENDING, 1, "HTTP 503"), nextAttempt))
                    .isTrue();

            assertThat(store.deliveries(CHANNEL, id)).isEqualTo(Map.of(
                    BASE, new Delivery(Delivery.Status.PENDING, 1, "HTTP 503"),
                    BASE + 1, new Delivery(Delivery.Status.PENDING, 0, null)));
            assertThat(store.claimDue("owner-a", NOW.plusSeconds(1), LEASE, 10)).isEmpty();
            assertThat(store.claimDue("owner-b", nextAttempt.minusMillis(1), LEASE, 10)).isEmpty();
            assertThat(store.claimDue("owner-b", nextAttempt, LEASE, 10)).containsExactly(itemOf(id, BASE, "one", 2));
        }

        @Test
        void aFinishedDeliveryMakesTheNextOneOfTheConversationClaimable() {
            ConversationStore store = store();
            String id = open(store);
            append(store, id, outbound("one"));
            append(store, id, outbound("two"));
            append(store, id, outbound("three"));

            OutboxItem one = store.claimDue("owner-a", NOW, LEASE, 10).get(0);
            assertThat(store.finish(one, "owner-a", new Delivery(Delivery.Status.DELIVERED, 1, null), NOW)).isTrue();
            List<OutboxItem> second = store.claimDue("owner-a", NOW, LEASE, 10);
            assertThat(second).containsExactly(itemOf(id, BASE + 1, "two", 1));
            assertThat(store.finish(second.get(0), "owner-a", new Delivery(Delivery.Status.FAILED, 5, "HTTP 410"), NOW))
                    .isTrue();
            List<OutboxItem> third = store.claimDue("owner-a", NOW, LEASE, 10);

            assertThat(third).containsExactly(itemOf(id, BASE + 2, "three", 1));
            assertThat(store.deliveries(CHANNEL, id)).isEqualTo(Map.of(
                    BASE, new Delivery(Delivery.Status.DELIVERED, 1, null),
                    BASE + 1, new Delivery(Delivery.Status.FAILED, 5, "HTTP 410"),
                    BASE + 2, new Delivery(Delivery.Status.PENDING, 1, null)));
        }

        @Test
        void aFinishedDeliveryIsFinalAndItsSecondFinishFails() {
            ConversationStore store = store();
            String id = open(store);
            append(store, id, outbound("one"));
            OutboxItem one = store.claimDue("owner-a", NOW, LEASE, 10).get(0);
            store.finish(one, "owner-a", new Delivery(Delivery.Status.DELIVERED, 1, null), NOW);

            assertThat(store.finish(one, "owner-a", new Delivery(Delivery.Status.FAILED, 2, "again"), NOW)).isFalse();
            assertThat(store.claimDue("owner-a", NOW.plusSeconds(3_600), LEASE, 10)).isEmpty();
            assertThat(store.deliveries(CHANNEL, id))
                    .isEqualTo(Map.of(BASE, new Delivery(Delivery.Status.DELIVERED, 1, null)));
        }

        @Test
        void releasedLeasesCanBeClaimedAtOnce() {
            ConversationStore store = store();
            String one = open(store);
            String two = open(store);
            append(store, one, outbound("one"));
            append(store, two, outbound("two"));
            List<OutboxItem> held = store.claimDue("owner-a", NOW, LEASE, 10);
            assertThat(held).hasSize(2);

            store.releaseLeases("owner-other");
            assertThat(store.claimDue("owner-b", NOW, LEASE, 10)).isEmpty();
            store.releaseLeases("owner-a");

            assertThat(store.finish(held.get(0), "owner-a", new Delivery(Delivery.Status.DELIVERED, 1, null), NOW))
                    .as("a released lease is lost").isFalse();
            assertThat(store.claimDue("owner-b", NOW, LEASE, 10)).containsExactlyInAnyOrder(
                    itemOf(one, BASE, "one", 2), itemOf(two, BASE, "two", 2));
        }

        @Test
        void conversationsAreClaimedIndependently() {
            ConversationStore store = store();
            String one = open(store);
            String two = open(store);
            append(store, one, outbound("one-a"));
            append(store, one, outbound("one-b"));
            append(store, two, outbound("two-a"));

            List<OutboxItem> firstPick = store.claimDue("owner-a", NOW, LEASE, 1);
            assertThat(firstPick).hasSize(1);
            List<OutboxItem> secondPick = store.claimDue("owner-b", NOW, LEASE, 10);
            assertThat(secondPick).hasSize(1);
            List<OutboxItem> both = new ArrayList<>(firstPick);
            both.addAll(secondPick);
            assertThat(both).containsExactlyInAnyOrder(itemOf(one, BASE, "one-a", 1), itemOf(two, BASE, "two-a", 1));

            OutboxItem ofTwo = both.stream().filter(i -> i.conversationId().equals(two)).findFirst().orElseThrow();
            String ownerOfTwo = firstPick.contains(ofTwo) ? "owner-a" : "owner-b";
            assertThat(store.finish(ofTwo, ownerOfTwo, new Delivery(Delivery.Status.DELIVERED, 1, null), NOW)).isTrue();
            assertThat(store.claimDue("owner-c", NOW, LEASE, 10)).as("one's head is still leased").isEmpty();
        }

        @Test
        void anActivityWithoutWebhookUrlFailsAtOnceAndIsNeverClaimed() {
            ConversationStore store = store();
            String id = open(store);

            long nowhere = append(store, id, new NewActivity(null, "message", json("nowhere"), T0, false,
                    Sender.REPRESENTATIVE, new Outbound(null, null)));

            assertThat(store.deliveries(CHANNEL, id)).isEqualTo(Map.of(nowhere, new Delivery(Delivery.Status.FAILED, 0,
                    "no webhook URL is registered for channel " + CHANNEL)));
            assertThat(store.claimDue("owner-a", NOW.plusSeconds(86_400), LEASE, 10)).isEmpty();

            append(store, id, outbound("somewhere"));
            assertThat(store.claimDue("owner-a", NOW, LEASE, 10)).containsExactly(itemOf(id, BASE + 1, "somewhere", 1));
        }

        @Test
        void anActivityThatEndsTheConversationIsStillDelivered() {
            ConversationStore store = store();
            String id = open(store);
            append(store, id, outbound("bye"));

            long end = append(store, id, new NewActivity(null, "endOfConversation", "{\"type\":\"endOfConversation\"}",
                    T0, true, Sender.REPRESENTATIVE, new Outbound(URL, TOKEN)));

            assertThat(store.find(CHANNEL, id).orElseThrow().open()).isFalse();
            OutboxItem bye = store.claimDue("owner-a", NOW, LEASE, 10).get(0);
            assertThat(bye).isEqualTo(itemOf(id, BASE, "bye", 1));
            store.finish(bye, "owner-a", new Delivery(Delivery.Status.DELIVERED, 1, null), NOW);
            assertThat(store.claimDue("owner-a", NOW, LEASE, 10)).containsExactly(
                    new OutboxItem(id, end, URL, TOKEN, "{\"type\":\"endOfConversation\"}", T0, 1));
        }

        @Test
        void deliveriesOfAnotherChannelAreEmpty() {
            ConversationStore store = store();
            String id = open(store);
            append(store, id, outbound("one"));

            assertThat(store.deliveries(OTHER_CHANNEL, id)).isEmpty();
            assertThat(store.deliveries(CHANNEL, id)).hasSize(1);
        }

        @Test
        void anAttemptCutOffBeforeItsOutcomeStaysCountedWhenTheDeliveryIsClaimedAgain() {
            ConversationStore store = store();
            String id = open(store);
            append(store, id, outbound("one"));
            store.claimDue("owner-a", NOW, LEASE, 10);
            // owner-a dies: no finish, the lease runs out

            assertThat(store.deliveries(CHANNEL, id)).as("counted at the claim, before any outcome")
                    .isEqualTo(Map.of(BASE, new Delivery(Delivery.Status.PENDING, 1, null)));
            OutboxItem again = store.claimDue("owner-b", NOW.plus(LEASE).plusSeconds(1), LEASE, 10).get(0);
            assertThat(again.attempts()).isEqualTo(2);
            assertThat(store.finish(again, "owner-b", new Delivery(Delivery.Status.DELIVERED, again.attempts(), null),
                    NOW))
                    .isTrue();
            assertThat(store.deliveries(CHANNEL, id))
                    .isEqualTo(Map.of(BASE, new Delivery(Delivery.Status.DELIVERED, 2, null)));
        }
    }

    /** Channels registered at run time. */
    @Nested
    class RegisteredChannels {
        @Test
        void registeredChannelsAreSavedFoundReplacedAndCleared() {
            ConversationStore store = store();
            ChannelStore channels = store.registeredChannels();
            Channel withWebhook = new Channel(CHANNEL, "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9", "channel-token", URL,
                    "webhook-secret");
            Channel without = new Channel(OTHER_CHANNEL, "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9", "other-token");

            channels.save(withWebhook);
            channels.save(without);
            assertThat(channels.find(CHANNEL)).contains(withWebhook);
            assertThat(channels.find(OTHER_CHANNEL)).contains(without);
            assertThat(channels.find("11111111-2222-4333-8444-555555555555")).isEmpty();

            Channel replaced = new Channel(CHANNEL, "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee", "new-token", null, null);
            channels.save(replaced);
            assertThat(channels.find(CHANNEL)).contains(replaced);
            assertThat(channels.find(OTHER_CHANNEL)).contains(without);

            channels.clear();
            assertThat(channels.find(CHANNEL)).isEmpty();
            assertThat(channels.find(OTHER_CHANNEL)).isEmpty();
        }
    }

    /** Forgetting state, whole or one channel. */
    @Nested
    class Clear {
        @Test
        void clearForgetsConversationsActivitiesDeliveriesAndCreateRequests() {
            ConversationStore store = store();
            CreateOutcome before = store.create(new NewConversation(CHANNEL, "customer-1", "request-1", CONTEXT,
                    message("start-1", "Hi"), T0));
            String id = before.conversationId();
            append(store, id, outbound("agent"));

            store.clear();

            assertThat(store.find(CHANNEL, id)).isEmpty();
            assertThat(store.activities(CHANNEL, id)).isEmpty();
            assertThat(store.deliveries(CHANNEL, id)).isEmpty();
            assertThat(store.openConversations(CHANNEL, null, null, 10)).contains(List.of());
            assertThat(store.claimDue("owner-a", NOW, LEASE, 10)).isEmpty();
            CreateOutcome after = store.create(new NewConversation(CHANNEL, "customer-1", "request-1", CONTEXT,
                    message("start-1", "Hi"), T0));
            assertThat(after.isNew()).isTrue();
            assertThat(after.conversationId()).isNotEqualTo(id);
            assertThat(after.startMessageId()).isEqualTo(OptionalLong.of(BASE));
        }

        @Test
        void clearKeepsTheRegisteredChannels() {
            ConversationStore store = store();
            Channel channel = new Channel(CHANNEL, "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9", "channel-token");
            store.registeredChannels().save(channel);

            store.clear();

            assertThat(store.registeredChannels().find(CHANNEL)).contains(channel);
        }

        @Nested
        class ClearOfOneChannel {
            private ConversationStore store;
            private String mine;
            private String theirs;
            private CreateOutcome theirCreate;

            /** Both channels have a conversation with a start message, a customer,
                    a request id and a pending delivery. */
            @BeforeEach
            void twoChannelsWithConversations() {
                store = store();
                mine = store.create(new NewConversation(CHANNEL, "customer-1", "request-1", CONTEXT,
                        message("start-1", "Hi"), T0)).conversationId();
                append(store, mine, outbound("to mine"));
                theirCreate = store.create(new NewConversation(OTHER_CHANNEL, "customer-1", "request-1", CONTEXT,
                        message("start-1", "Hi"), T0));
                theirs = theirCreate.conversationId();
                store.append(OTHER_CHANNEL, theirs, outbound("to theirs")).orElseThrow();
            }

            @Test
            void forgetsTheChannelsConversationsTranscriptsDeliveriesAndIdempotencyRecords() {
                store.clear(CHANNEL);

                assertThat(store.find(CHANNEL, mine)).isEmpty();
                assertThat(store.activities(CHANNEL, mine)).isEmpty();
                assertThat(store.deliveries(CHANNEL, mine)).isEmpty();
                assertThat(store.openConversations(CHANNEL, null, null, 10)).contains(List.of());
                assertThat(store.claimDue("owner-a", NOW, LEASE, 10)).extracting(OutboxItem::conversationId)
                        .containsExactly(theirs);
                CreateOutcome again = store.create(new NewConversation(CHANNEL, "customer-1", "request-1", CONTEXT,
                        message("start-1", "Hi"), T0));
                assertThat(again.isNew()).as("the request id and the customer are forgotten").isTrue();
                assertThat(again.conversationId()).isNotEqualTo(mine);
            }

            @Test
            void leavesAnotherChannelsConversationsTranscriptsAndPendingDeliveriesUntouched() {
                List<StoredActivity> theirActivities = store.activities(OTHER_CHANNEL, theirs);
                Map<Long, Delivery> theirDeliveries = store.deliveries(OTHER_CHANNEL, theirs);
                Conversation theirConversation = store.find(OTHER_CHANNEL, theirs).orElseThrow();

                store.clear(CHANNEL);

                assertThat(store.find(OTHER_CHANNEL, theirs)).contains(theirConversation);
                assertThat(store.activities(OTHER_CHANNEL, theirs)).hasSize(2).isEqualTo(theirActivities);
                assertThat(store.deliveries(OTHER_CHANNEL, theirs)).isEqualTo(theirDeliveries)
                        .containsValue(new Delivery(Delivery.Status.PENDING, 0, null));
                assertThat(ids(store.openConversations(OTHER_CHANNEL, null, null, 10))).containsExactly(theirs);
                assertThat(store.create(new NewConversation(OTHER_CHANNEL, "customer-1", "request-1", CONTEXT,
                        message("start-1", "Hi"), T0))).as("their request id is still remembered")
                                .isEqualTo(theirCreate);
                assertThat(store.create(newConversationIn(OTHER_CHANNEL, "customer-1", null)).conversationId())
                        .as("their customer's conversation is still reused").isEqualTo(theirs);
                assertThat(store.append(OTHER_CHANNEL, theirs, message("start-1", "again")))
                        .as("their activity ids are still remembered").contains(new Appended(BASE, true));
                assertThat(store.claimDue("owner-a", NOW, LEASE, 10)).containsExactly(itemOf(theirs, BASE + 1,
                        "to theirs", 1));
            }

            @Test
            void keepsTheRegisteredChannels() {
                Channel channel = new Channel(CHANNEL, "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9", "channel-token");
                store.registeredChannels().save(channel);

                store.clear(CHANNEL);

                assertThat(store.registeredChannels().find(CHANNEL)).contains(channel);
            }
        }
    }

    /** A conversation belongs to one channel only. */
    @Nested
    class ChannelIsolation {
        @Test
        void anotherChannelSeesNothingOfAConversation() {
            ConversationStore store = store();
            String id = store.create(new NewConversation(CHANNEL, "customer-1", null, CONTEXT, message("c", "hi"), T0))
                    .conversationId();
            append(store, id, outbound("agent"));

            assertThat(store.find(OTHER_CHANNEL, id)).isEmpty();
            assertThat(store.activities(OTHER_CHANNEL, id)).isEmpty();
            assertThat(store.deliveries(OTHER_CHANNEL, id)).isEmpty();
            assertThat(store.openConversations(OTHER_CHANNEL, null, null, 10)).contains(List.of());
            assertThat(store.append(OTHER_CHANNEL, id, message("c", "retry"))).as("even a known client id").isEmpty();
        }

        @Test
        void anotherChannelChangesNothingOfAConversation() {
            ConversationStore store = store();
            String id = store.create(newConversation("customer-1", null)).conversationId();
            AtomicInteger calls = new AtomicInteger();

            assertThat(store.close(OTHER_CHANNEL, id)).isFalse();
            assertThat(store.updateContext(OTHER_CHANNEL, id, old -> {
                calls.incrementAndGet();
                return "{\"hijacked\":true}";
            })).isEmpty();
            store.markRead(OTHER_CHANNEL, id, BASE + 7);

            assertThat(calls).hasValue(0);
            assertThat(store.find(CHANNEL, id))
                    .contains(new Conversation(id, CHANNEL, "customer-1", CONTEXT, T0, true, 0));
        }
    }

    /** The health check. */
    @Nested
    class Health {
        @Test
        void checkHealthSucceedsOnAWorkingStore() {
            ConversationStore store = store();

            assertThatCode(store::checkHealth).doesNotThrowAnyException();
        }
    }

    /** The emulator's Pact provider states give conversations the ids the channel's pacts name. */
    @org.junit.jupiter.api.Nested
    class ChosenConversationIds {
        static final String CHOSEN = "9a1c3c0e-52f7-4b5e-9c6a-3f2d1e0b8a77";

        private NewConversation chosen(String channelId, String customerId) {
            return new NewConversation(channelId, customerId, null, CONTEXT, null, T0, CHOSEN);
        }

        @Test
        void aNewConversationGetsTheChosenId() {
            ConversationStore store = store();

            CreateOutcome outcome = store.create(chosen(CHANNEL, null));

            assertThat(outcome.conversationId()).isEqualTo(CHOSEN);
            assertThat(outcome.isNew()).isTrue();
            assertThat(store.find(CHANNEL, CHOSEN)).get().extracting(Conversation::open).isEqualTo(true);
        }

        @Test
        void theChannelsConversationWithThatIdIsMadeAnew() {
            ConversationStore store = store();
            store.create(chosen(CHANNEL, null));
            store.append(CHANNEL, CHOSEN, new NewActivity("a-1", "message", "{}", T0, false));
            store.close(CHANNEL, CHOSEN);

            store.create(chosen(CHANNEL, null));

            assertThat(store.find(CHANNEL, CHOSEN)).get().extracting(Conversation::open).isEqualTo(true);
            assertThat(store.activities(CHANNEL, CHOSEN)).isEmpty();
            assertThat(store.append(CHANNEL, CHOSEN, new NewActivity("a-1", "message", "{}", T0, false)))
                    .get().extracting(Appended::duplicate).as("the old activity ids are forgotten too").isEqualTo(false);
            assertThat(store.openConversations(CHANNEL, null, null, 10)).get().asList().hasSize(1);
        }

        @Test
        void aCustomersActiveConversationIsNotContinuedButReplacedAsTheOneToContinue() {
            ConversationStore store = store();
            String earlier = store.create(newConversation("customer-1", null)).conversationId();

            assertThat(store.create(chosen(CHANNEL, "customer-1")).conversationId()).isEqualTo(CHOSEN);

            CreateOutcome continued = store.create(newConversation("customer-1", null));
            assertThat(earlier).isNotEqualTo(CHOSEN);
            assertThat(continued.isNew()).isFalse();
            assertThat(continued.conversationId()).isEqualTo(CHOSEN);
        }

        @Test
        void anIdThatAnotherChannelUsesIsRefused() {
            ConversationStore store = store();
            store.create(chosen(OTHER_CHANNEL, null));

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.create(chosen(CHANNEL, null)))
                    .isInstanceOf(ConversationIdTaken.class);
            assertThat(store.find(OTHER_CHANNEL, CHOSEN)).isPresent();
            assertThat(store.find(CHANNEL, CHOSEN)).isEmpty();
        }
    }
}
