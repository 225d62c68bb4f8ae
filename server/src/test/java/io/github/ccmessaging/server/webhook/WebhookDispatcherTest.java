package io.github.ccmessaging.server.webhook;

import static io.github.ccmessaging.server.webhook.DeliveryStatus.DELIVERED;
import static io.github.ccmessaging.server.webhook.DeliveryStatus.FAILED;
import static io.github.ccmessaging.server.webhook.DeliveryStatus.PENDING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.ccmessaging.server.store.Delivery;
import io.github.ccmessaging.server.store.memory.InMemoryConversationStore;
import io.github.ccmessaging.server.store.MessageIdClock;
import io.github.ccmessaging.server.store.NewActivity;
import io.github.ccmessaging.server.store.NewConversation;
import io.github.ccmessaging.server.store.Outbound;
import io.github.ccmessaging.server.store.Sender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WebhookDispatcherTest {
    private static final Duration LIVENESS = Duration.ofSeconds(10);
    // Roomy enough that a cold JVM on a busy machine answers in time; only the timeout test needs a tight one.
    private static final WebhookPolicy SHORT = new WebhookPolicy(Duration.ofSeconds(3), 3, Duration.ofMillis(20));
    private static final WebhookPolicy TIGHT = new WebhookPolicy(Duration.ofMillis(300), 3, Duration.ofMillis(20));
    // For tests where the webhook hangs on purpose: an attempt must not end on its own while the test looks.
    private static final WebhookPolicy PATIENT = new WebhookPolicy(Duration.ofSeconds(60), 3, Duration.ofMillis(20));
    private static final String CHANNEL = "c0ffee00-0000-4000-8000-000000000001";
    private static final WebhookBody BODY = item -> activity(item.conversationId(), item.messageId());
    private static final String TOKEN = "tok-123";
    private static final Pattern ID = Pattern.compile("\"id\":\"(\\d+)\"");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InMemoryConversationStore store = new InMemoryConversationStore(new MessageIdClock(new TickingClock()));
    private final RecordingListener listener = new RecordingListener();
    private final CountDownLatch testOver = new CountDownLatch(1);
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    // Loads the JDK's HTTP client and server once, so a cold JVM does not eat into the first test's attempt timeout.
    @BeforeAll
    static void warmUpTheHttpStack() throws Exception {
        RecordingListener warmUp = new RecordingListener();
        InMemoryConversationStore warmUpStore = new InMemoryConversationStore(new MessageIdClock(new TickingClock()));
        try (WebhookReceiver receiver = new WebhookReceiver((request, n) -> 200);
             WebhookDispatcher dispatcher = new WebhookDispatcher(
                     new WebhookPolicy(Duration.ofSeconds(30), 3, Duration.ofMillis(20)), warmUpStore, BODY, warmUp,
                     Clock.systemUTC(), new SimpleMeterRegistry())) {
            long id = schedule(warmUpStore, dispatcher, conversation(warmUpStore), receiver.url("/webhook"));
            assertThat(warmUp.awaitFinal(id, Duration.ofSeconds(60)).status()).isEqualTo(DELIVERED);
        }
    }

    @AfterEach
    void closeEverything() throws Exception {
        testOver.countDown();
        while (!resources.isEmpty()) {
            resources.pop().close();
        }
    }

    private WebhookReceiver receiver(WebhookReceiver.Responder responder) throws IOException {
        WebhookReceiver receiver = new WebhookReceiver(responder);
        resources.push(receiver);
        return receiver;
    }

    private WebhookDispatcher dispatcher(WebhookPolicy policy) {
        return dispatcher(policy, listener);
    }

    private WebhookDispatcher dispatcher(WebhookPolicy policy, DeliveryListener listener) {
        WebhookDispatcher dispatcher = new WebhookDispatcher(policy, store, BODY, listener, Clock.systemUTC(), registry);
        resources.push(dispatcher);
        return dispatcher;
    }

    /** Starts a conversation in the test's store. */
    private String conversation() {
        return conversation(store);
    }

    private static String conversation(InMemoryConversationStore store) {
        return store.create(new NewConversation(CHANNEL, null, null, "{}", null, Instant.now())).conversationId();
    }

    /** Stores a representative message with its delivery to {@code webhookUrl}, wakes the dispatcher: its messageId. */
    private long schedule(WebhookDispatcher dispatcher, String conversationId, String webhookUrl) {
        return schedule(store, dispatcher, conversationId, webhookUrl);
    }

    private static long schedule(InMemoryConversationStore store, WebhookDispatcher dispatcher, String conversationId,
                                 String webhookUrl) {
        long id = store.append(CHANNEL, conversationId, new NewActivity(null, "message", "{\"type\":\"message\"}",
                Instant.now(), false, Sender.REPRESENTATIVE, new Outbound(webhookUrl, TOKEN))).orElseThrow().messageId();
        dispatcher.wake();
        return id;
    }

    /** For a responder: holds the request until the test ends, like a webhook that never answers. */
    private int hang() throws InterruptedException {
        testOver.await(1, TimeUnit.MINUTES);
        return 200;
    }

    private static String activity(String conversationId, long messageId) {
        return "{\"type\":\"message\",\"id\":\"" + messageId + "\",\"conversation\":{\"id\":\"" + conversationId
                + "\"},\"text\":\"héllo ✓\"}";
    }


    private static long messageIdIn(String body) {
        Matcher m = ID.matcher(body);
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static String closedPortUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/webhook";
        }
    }

    private double attempts(String result) {
        return registry.get(DeliveryMetrics.ATTEMPTS).tag("result", result).counter().count();
    }

    private double deliveries(String outcome) {
        return registry.get(DeliveryMetrics.DELIVERIES).tag("outcome", outcome).counter().count();
    }

    @Test
    void postsTheExactActivityWithTheBearerTokenUnderTheWebhookBasePath() throws Exception {
        WebhookReceiver receiver = receiver((request, n) -> 200);
        String conversation = conversation();

        long id = schedule(dispatcher(SHORT), conversation, receiver.url("/webhook"));

        assertThat(listener.awaitFinal(id, LIVENESS)).isEqualTo(new DeliveryOutcome(DELIVERED, 1, null));
        assertThat(receiver.received()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/webhook/v3/conversations/" + conversation + "/activities");
            assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(request.header("Content-Type")).isEqualTo("application/json");
            assertThat(request.body()).isEqualTo(activity(conversation, id));
            // HTTP/1.1 is pinned: an HTTP/2 client would offer an h2c upgrade on plain http.
            assertThat(request.header("Upgrade")).isNull();
        });
        assertThat(store.deliveries(CHANNEL, conversation)).containsEntry(id, new Delivery(Delivery.Status.DELIVERED, 1,
                null));
    }

    @Test
    void retriesAfterServerErrorsUntilTheWebhookAccepts() throws Exception {
        WebhookReceiver receiver = receiver((request, n) -> n <= 2 ? 500 : 200);
        String conversation = conversation();

        long id = schedule(dispatcher(SHORT), conversation, receiver.url("/webhook"));

        assertThat(listener.awaitFinal(id, LIVENESS)).isEqualTo(new DeliveryOutcome(DELIVERED, 3, null));
        assertThat(listener.outcomesOf(id)).containsExactly(
                new DeliveryOutcome(PENDING, 1, "HTTP 500"),
                new DeliveryOutcome(PENDING, 2, "HTTP 500"),
                new DeliveryOutcome(DELIVERED, 3, null));
        assertThat(receiver.received()).hasSize(3)
                .allSatisfy(request -> assertThat(request.body()).isEqualTo(activity(conversation, id)));
    }

    @Test
    void givesUpAfterTheFirstAttemptAndThreeRetriesOfServerErrors() throws Exception {
        WebhookReceiver receiver = receiver((request, n) -> 500);
        String conversation = conversation();

        long id = schedule(dispatcher(SHORT), conversation, receiver.url("/webhook"));

        DeliveryOutcome outcome = listener.awaitFinal(id, LIVENESS);
        assertThat(outcome.status()).isEqualTo(FAILED);
        assertThat(outcome.attempts()).isEqualTo(4);
        assertThat(outcome.lastError()).contains("500");
        assertThat(receiver.received()).hasSize(4);
        assertThat(listener.outcomesOf(id)).extracting(DeliveryOutcome::status, DeliveryOutcome::attempts)
                .containsExactly(tuple(PENDING, 1),
                        tuple(PENDING, 2),
                        tuple(PENDING, 3),
                        tuple(FAILED, 4));
        assertThat(store.deliveries(CHANNEL, conversation).get(id).status()).isEqualTo(Delivery.Status.FAILED);
    }

    @Test
    void anAttemptThatOutlastsTheTimeoutFailsAsATimeout() throws Exception {
        WebhookReceiver receiver = receiver((request, n) -> hang());

        long id = schedule(dispatcher(TIGHT), conversation(), receiver.url("/webhook"));

        DeliveryOutcome outcome = listener.awaitFinal(id, LIVENESS);
        assertThat(outcome.status()).isEqualTo(FAILED);
        assertThat(outcome.attempts()).isEqualTo(4);
        assertThat(outcome.lastError()).contains("300 ms");
        assertThat(attempts("timeout")).isEqualTo(4);
        assertThat(receiver.received()).hasSize(4);
    }

    @Test
    void aResponseWhoseBodyNeverEndsFailsAsATimeoutToo() throws Exception {
        WebhookReceiver receiver = WebhookReceiver.stallingAfterHeaders();
        resources.push(receiver);

        long id = schedule(dispatcher(TIGHT), conversation(), receiver.url("/webhook"));

        DeliveryOutcome outcome = listener.awaitFinal(id, LIVENESS);
        assertThat(outcome.status()).isEqualTo(FAILED);
        assertThat(outcome.attempts()).isEqualTo(4);
        assertThat(attempts("timeout")).isEqualTo(4);
    }

    @Test
    void aRefusedConnectionFailsTheDelivery() throws Exception {
        long id = schedule(dispatcher(SHORT), conversation(), closedPortUrl());

        DeliveryOutcome outcome = listener.awaitFinal(id, LIVENESS);
        assertThat(outcome.status()).isEqualTo(FAILED);
        assertThat(outcome.attempts()).isEqualTo(4);
        assertThat(outcome.lastError()).contains("ConnectException");
        assertThat(attempts("io_error")).isEqualTo(4);
    }

    @Test
    void deliveriesToOneConversationArriveInStoredOrderOneAtATime() throws Exception {
        List<Long> answered = new CopyOnWriteArrayList<>();
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger mostConcurrent = new AtomicInteger();
        WebhookReceiver receiver = receiver((request, n) -> {
            mostConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            Thread.sleep(ThreadLocalRandom.current().nextInt(0, 6));
            answered.add(messageIdIn(request.body()));
            concurrent.decrementAndGet();
            return 200;
        });
        WebhookDispatcher dispatcher = dispatcher(SHORT);
        String conversation = conversation();
        List<Long> ids = new ArrayList<>();

        for (int i = 0; i < 30; i++) {
            ids.add(schedule(dispatcher, conversation, receiver.url("/webhook")));
        }

        for (long id : ids) {
            assertThat(listener.awaitFinal(id, LIVENESS).status()).isEqualTo(DELIVERED);
        }
        assertThat(ids).isSorted();
        assertThat(answered).containsExactlyElementsOf(ids);
        assertThat(receiver.received()).extracting(r -> messageIdIn(r.body())).containsExactlyElementsOf(ids);
        assertThat(mostConcurrent).hasValue(1);
    }

    @Test
    void conversationsWithHangingWebhooksDoNotHoldUpAnother() throws Exception {
        WebhookReceiver receiver = receiver((request, n) -> request.path().startsWith("/hung/") ? hang() : 200);
        WebhookDispatcher dispatcher = dispatcher(PATIENT);
        // More hanging conversations than the dispatcher has threads.
        List<Long> hung = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            hung.add(schedule(dispatcher, conversation(), receiver.url("/hung")));
        }
        receiver.awaitReceived(hung.size(), LIVENESS);

        String prompt = conversation();
        List<Long> prompts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            prompts.add(schedule(dispatcher, prompt, receiver.url("/other-webhook")));
        }

        for (long id : prompts) {
            assertThat(listener.awaitFinal(id, LIVENESS)).isEqualTo(new DeliveryOutcome(DELIVERED, 1, null));
        }
        assertThat(hung).noneMatch(listener::hasFinal);
    }

    @Test
    void schedulingReturnsAtOnceWhileTheWebhookHangs() throws Exception {
        WebhookReceiver receiver = receiver((request, n) -> hang());
        WebhookDispatcher dispatcher = dispatcher(PATIENT);
        String url = receiver.url("/webhook");
        String conversation = conversation();

        assertTimeoutPreemptively(LIVENESS, () -> schedule(dispatcher, conversation, url));
        receiver.awaitReceived(1, LIVENESS);
        assertTimeoutPreemptively(LIVENESS, () -> {
            for (int i = 2; i <= 20; i++) {
                schedule(dispatcher, conversation, url);
            }
        });

        Map<Long, Delivery> deliveries = store.deliveries(CHANNEL, conversation);
        long inFlight = Collections.min(deliveries.keySet());
        assertThat(deliveries).hasSize(20).allSatisfy((id, delivery) -> assertThat(delivery).isEqualTo(
                new Delivery(Delivery.Status.PENDING, id == inFlight ? 1 : 0, null)));
        assertThat(listener.events()).isEmpty();
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void countsDeliveriesAttemptsAndLatency() throws Exception {
        AtomicInteger flakyCalls = new AtomicInteger();
        WebhookReceiver receiver = receiver((request, n) -> {
            if (request.path().startsWith("/broken/")) {
                return 500;
            }
            if (request.path().startsWith("/flaky/")) {
                return flakyCalls.incrementAndGet() == 1 ? 503 : 204;
            }
            return 200;
        });
        WebhookDispatcher dispatcher = dispatcher(SHORT);

        List<Long> ids = List.of(schedule(dispatcher, conversation(), receiver.url("/ok")),
                schedule(dispatcher, conversation(), receiver.url("/flaky")),
                schedule(dispatcher, conversation(), receiver.url("/broken")),
                schedule(dispatcher, conversation(), closedPortUrl()));

        List<DeliveryStatus> statuses = new ArrayList<>();
        for (long id : ids) {
            statuses.add(listener.awaitFinal(id, LIVENESS).status());
        }
        assertThat(statuses).containsExactly(DELIVERED, DELIVERED, FAILED, FAILED);
        assertThat(deliveries("delivered")).isEqualTo(2);
        assertThat(deliveries("failed")).isEqualTo(2);
        assertThat(attempts("success")).isEqualTo(2);
        assertThat(attempts("http_error")).isEqualTo(5);
        assertThat(attempts("io_error")).isEqualTo(4);
        assertThat(attempts("timeout")).isZero();
        assertThat(registry.get(DeliveryMetrics.LATENCY).timer().count()).isEqualTo(2);
    }

    @Test
    void metersReadZeroBeforeTheFirstDelivery() {
        dispatcher(SHORT);

        assertThat(deliveries("delivered")).isZero();
        assertThat(deliveries("failed")).isZero();
        for (String result : List.of("success", "http_error", "timeout", "io_error")) {
            assertThat(attempts(result)).isZero();
        }
        assertThat(registry.get(DeliveryMetrics.LATENCY).timer().count()).isZero();
    }

    @Test
    void aThrowingListenerDoesNotStallTheConversation() throws Exception {
        WebhookReceiver receiver = receiver((request, n) -> 200);
        WebhookDispatcher dispatcher = dispatcher(SHORT, (conversationId, messageId, outcome) -> {
            throw new IllegalStateException("listener broken on purpose");
        });
        String conversation = conversation();

        // the failures are logged, here into a list rather than the build's output
        ch.qos.logback.classic.Logger log =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(WebhookDispatcher.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        log.addAppender(logged);
        log.setAdditive(false);
        try {
            long first = schedule(dispatcher, conversation, receiver.url("/webhook"));
            long second = schedule(dispatcher, conversation, receiver.url("/webhook"));

            assertThat(receiver.awaitReceived(2, LIVENESS)).extracting(r -> messageIdIn(r.body()))
                    .containsExactly(first, second);
            List<ch.qos.logback.classic.spi.ILoggingEvent> seen;
            synchronized (logged) { // the appender adds under its own lock, from the dispatcher's threads
                seen = List.copyOf(logged.list);
            }
            assertThat(seen).extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                    .anySatisfy(line -> assertThat(line).startsWith("Webhook delivery listener failed"));
        } finally {
            log.detachAppender(logged);
            log.setAdditive(true);
        }
    }

    @Test
    void closeReturnsPromptlyWhileAWebhookHangsAndLeavesTheUndeliveredPendingWithTheCutOffAttemptCounted()
            throws Exception {
        WebhookReceiver receiver = receiver((request, n) -> n == 1 ? hang() : 200);
        WebhookDispatcher dispatcher = dispatcher(PATIENT);
        String conversation = conversation();
        long first = schedule(dispatcher, conversation, receiver.url("/webhook"));
        long second = schedule(dispatcher, conversation, receiver.url("/webhook"));
        receiver.awaitReceived(1, LIVENESS);

        assertTimeoutPreemptively(LIVENESS, dispatcher::close);

        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("webhook-"));
        assertThat(store.deliveries(CHANNEL, conversation)).containsOnlyKeys(first, second)
                .allSatisfy((id, delivery) -> assertThat(delivery.status()).isEqualTo(Delivery.Status.PENDING));

        dispatcher(SHORT).wake();

        assertThat(listener.awaitFinal(first, LIVENESS)).as("as many attempts as the webhook saw")
                .isEqualTo(new DeliveryOutcome(DELIVERED, 2, null));
        assertThat(listener.awaitFinal(second, LIVENESS)).isEqualTo(new DeliveryOutcome(DELIVERED, 1, null));
        assertThat(receiver.received()).extracting(r -> messageIdIn(r.body())).containsExactly(first, first, second);
    }

    @Test
    void aDeliveryToAWebhookUrlThatIsNotAbsoluteHttpFailsWithoutAnAttempt() throws Exception {
        long id = schedule(dispatcher(SHORT), conversation(), "ftp://contoso.example/hook");

        DeliveryOutcome outcome = listener.awaitFinal(id, LIVENESS);
        assertThat(outcome.status()).isEqualTo(FAILED);
        assertThat(outcome.attempts()).isZero();
        assertThat(outcome.lastError()).contains("ftp://contoso.example/hook");
        assertThat(deliveries("failed")).isEqualTo(1);
        assertThat(attempts("io_error")).isZero();
    }

    @Test
    void anActivityOfAChannelWithoutWebhookIsStoredAsFailedAndNeverAttempted() {
        dispatcher(SHORT);
        String conversation = conversation();

        long id = store.append(CHANNEL, conversation, new NewActivity(null, "message", "{}", Instant.now(), false,
                Sender.REPRESENTATIVE, new Outbound(null, null))).orElseThrow().messageId();

        assertThat(store.deliveries(CHANNEL, conversation).get(id)).isEqualTo(new Delivery(Delivery.Status.FAILED, 0,
                "no webhook URL is registered for channel " + CHANNEL));
        assertThat(store.claimDue("anyone", Instant.now(), Duration.ofSeconds(1), 10)).isEmpty();
    }
}
