package io.github.ccmessaging.server.webhook;

import static io.github.ccmessaging.server.webhook.DeliveryStatus.DELIVERED;
import static io.github.ccmessaging.server.webhook.DeliveryStatus.FAILED;
import static io.github.ccmessaging.server.webhook.DeliveryStatus.PENDING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
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
    private static final String CONVERSATION = "9a1c3c0e-52f7-4b5e-9c6a-3f2d1e0b8a77";
    private static final String TOKEN = "tok-123";
    private static final Pattern ID = Pattern.compile("\"id\":\"(\\d+)\"");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RecordingListener listener = new RecordingListener();
    private final CountDownLatch testOver = new CountDownLatch(1);
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    // Loads the JDK's HTTP client and server once, so a cold JVM does not eat into the first test's attempt timeout.
    @BeforeAll
    static void warmUpTheHttpStack() throws Exception {
        RecordingListener warmUp = new RecordingListener();
        try (WebhookReceiver receiver = new WebhookReceiver((request, n) -> 200);
             WebhookDispatcher dispatcher = new WebhookDispatcher(
                     new WebhookPolicy(Duration.ofSeconds(30), 3, Duration.ofMillis(20)), warmUp,
                     new SimpleMeterRegistry())) {
            dispatcher.schedule(delivery("warm-up", 1, receiver.url("/webhook")));
            assertThat(warmUp.awaitFinal(1, Duration.ofSeconds(60)).status()).isEqualTo(DELIVERED);
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
        WebhookDispatcher dispatcher = new WebhookDispatcher(policy, listener, registry);
        resources.push(dispatcher);
        return dispatcher;
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

    private static WebhookDelivery delivery(String conversationId, long messageId, String webhookUrl) {
        return new WebhookDelivery(conversationId, messageId, activity(conversationId, messageId), webhookUrl, TOKEN);
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
        long id = 1_745_323_200_456L;

        dispatcher(SHORT).schedule(delivery(CONVERSATION, id, receiver.url("/webhook")));

        assertThat(listener.awaitFinal(id, LIVENESS)).isEqualTo(new DeliveryOutcome(DELIVERED, 1, null));
        assertThat(receiver.received()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/webhook/v3/conversations/" + CONVERSATION + "/activities");
            assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(request.header("Content-Type")).isEqualTo("application/json");
            assertThat(request.body()).isEqualTo(activity(CONVERSATION, id));
            // HTTP/1.1 is pinned: an HTTP/2 client would offer an h2c upgrade on plain http.
            assertThat(request.header("Upgrade")).isNull();
        });
    }

    @Test
    void retriesAfterServerErrorsUntilTheWebhookAccepts() throws Exception {
        WebhookReceiver receiver = receiver((request, n) -> n <= 2 ? 500 : 200);

        dispatcher(SHORT).schedule(delivery(CONVERSATION, 1, receiver.url("/webhook")));

        assertThat(listener.awaitFinal(1, LIVENESS)).isEqualTo(new DeliveryOutcome(DELIVERED, 3, null));
        assertThat(listener.outcomesOf(1)).containsExactly(
                new DeliveryOutcome(PENDING, 0, null),
                new DeliveryOutcome(PENDING, 1, "HTTP 500"),
                new DeliveryOutcome(PENDING, 2, "HTTP 500"),
                new DeliveryOutcome(DELIVERED, 3, null));
        assertThat(receiver.received()).hasSize(3)
                .allSatisfy(request -> assertThat(request.body()).isEqualTo(activity(CONVERSATION, 1)));
    }

    @Test
    void givesUpAfterTheFirstAttemptAndThreeRetriesOfServerErrors() throws Exception {
        WebhookReceiver receiver = receiver((request, n) -> 500);

        dispatcher(SHORT).schedule(delivery(CONVERSATION, 1, receiver.url("/webhook")));

        DeliveryOutcome outcome = listener.awaitFinal(1, LIVENESS);
        assertThat(outcome.status()).isEqualTo(FAILED);
        assertThat(outcome.attempts()).isEqualTo(4);
        assertThat(outcome.lastError()).contains("500");
        assertThat(receiver.received()).hasSize(4);
        assertThat(listener.outcomesOf(1)).extracting(DeliveryOutcome::status, DeliveryOutcome::attempts)
                .containsExactly(tuple(PENDING, 0),
                        tuple(PENDING, 1),
                        tuple(PENDING, 2),
                        tuple(PENDING, 3),
                        tuple(FAILED, 4));
    }

    @Test
    void anAttemptThatOutlastsTheTimeoutFailsAsATimeout() throws Exception {
        WebhookReceiver receiver = receiver((request, n) -> hang());

        dispatcher(TIGHT).schedule(delivery(CONVERSATION, 1, receiver.url("/webhook")));

        DeliveryOutcome outcome = listener.awaitFinal(1, LIVENESS);
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

        dispatcher(TIGHT).schedule(delivery(CONVERSATION, 1, receiver.url("/webhook")));

        DeliveryOutcome outcome = listener.awaitFinal(1, LIVENESS);
        assertThat(outcome.status()).isEqualTo(FAILED);
        assertThat(outcome.attempts()).isEqualTo(4);
        assertThat(attempts("timeout")).isEqualTo(4);
    }

    @Test
    void aRefusedConnectionFailsTheDelivery() throws Exception {
        dispatcher(SHORT).schedule(delivery(CONVERSATION, 1, closedPortUrl()));

        DeliveryOutcome outcome = listener.awaitFinal(1, LIVENESS);
        assertThat(outcome.status()).isEqualTo(FAILED);
        assertThat(outcome.attempts()).isEqualTo(4);
        assertThat(outcome.lastError()).contains("ConnectException");
        assertThat(attempts("io_error")).isEqualTo(4);
    }

    @Test
    void deliveriesToOneConversationArriveInScheduleOrderOneAtATime() throws Exception {
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
        List<Long> ids = LongStream.rangeClosed(1, 30).boxed().toList();

        for (long id : ids) {
            dispatcher.schedule(delivery(CONVERSATION, id, receiver.url("/webhook")));
        }

        for (long id : ids) {
            assertThat(listener.awaitFinal(id, LIVENESS).status()).isEqualTo(DELIVERED);
        }
        assertThat(answered).containsExactlyElementsOf(ids);
        assertThat(receiver.received()).extracting(r -> messageIdIn(r.body())).containsExactlyElementsOf(ids);
        assertThat(mostConcurrent).hasValue(1);
    }

    @Test
    void conversationsWithHangingWebhooksDoNotHoldUpAnother() throws Exception {
        WebhookReceiver receiver = receiver((request, n) -> request.path().contains("/hung-") ? hang() : 200);
        WebhookDispatcher dispatcher = dispatcher(PATIENT);
        // More hanging conversations than the dispatcher has threads.
        List<Long> hung = List.of(1L, 2L, 3L, 4L, 5L, 6L);
        for (long id : hung) {
            dispatcher.schedule(delivery("hung-" + id, id, receiver.url("/webhook")));
        }
        receiver.awaitReceived(hung.size(), LIVENESS);

        List<Long> prompt = List.of(101L, 102L, 103L);
        for (long id : prompt) {
            dispatcher.schedule(delivery("prompt", id, receiver.url("/other-webhook")));
        }

        for (long id : prompt) {
            assertThat(listener.awaitFinal(id, LIVENESS)).isEqualTo(new DeliveryOutcome(DELIVERED, 1, null));
        }
        assertThat(hung).noneMatch(listener::hasFinal);
    }

    @Test
    void scheduleReturnsAtOnceWhileTheWebhookHangs() throws Exception {
        WebhookReceiver receiver = receiver((request, n) -> hang());
        WebhookDispatcher dispatcher = dispatcher(PATIENT);
        String url = receiver.url("/webhook");

        assertTimeoutPreemptively(LIVENESS, () -> dispatcher.schedule(delivery(CONVERSATION, 1, url)));
        receiver.awaitReceived(1, LIVENESS);
        assertTimeoutPreemptively(LIVENESS, () -> {
            for (long id = 2; id <= 20; id++) {
                dispatcher.schedule(delivery(CONVERSATION, id, url));
            }
        });

        assertThat(listener.events()).hasSize(20)
                .allSatisfy(e -> assertThat(e.outcome()).isEqualTo(new DeliveryOutcome(PENDING, 0, null)));
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void countsDeliveriesAttemptsAndLatency() throws Exception {
        AtomicInteger flakyCalls = new AtomicInteger();
        WebhookReceiver receiver = receiver((request, n) -> {
            if (request.path().contains("/broken/")) {
                return 500;
            }
            if (request.path().contains("/flaky/")) {
                return flakyCalls.incrementAndGet() == 1 ? 503 : 204;
            }
            return 200;
        });
        WebhookDispatcher dispatcher = dispatcher(SHORT);

        dispatcher.schedule(delivery("ok", 1, receiver.url("")));
        dispatcher.schedule(delivery("flaky", 2, receiver.url("")));
        dispatcher.schedule(delivery("broken", 3, receiver.url("")));
        dispatcher.schedule(delivery("refused", 4, closedPortUrl()));

        List<DeliveryStatus> statuses = new ArrayList<>();
        for (long id = 1; id <= 4; id++) {
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

        dispatcher.schedule(delivery(CONVERSATION, 1, receiver.url("/webhook")));
        dispatcher.schedule(delivery(CONVERSATION, 2, receiver.url("/webhook")));

        assertThat(receiver.awaitReceived(2, LIVENESS)).extracting(r -> messageIdIn(r.body())).containsExactly(1L, 2L);
    }

    @Test
    void closeReturnsPromptlyWhileAWebhookHangsAndThenRefusesDeliveries() throws Exception {
        WebhookReceiver receiver = receiver((request, n) -> hang());
        WebhookDispatcher dispatcher = dispatcher(PATIENT);
        dispatcher.schedule(delivery(CONVERSATION, 1, receiver.url("/webhook")));
        dispatcher.schedule(delivery(CONVERSATION, 2, receiver.url("/webhook")));
        receiver.awaitReceived(1, LIVENESS);

        assertTimeoutPreemptively(LIVENESS, dispatcher::close);

        assertThatThrownBy(() -> dispatcher.schedule(delivery(CONVERSATION, 3, receiver.url("/webhook"))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("webhook-"));
    }

    @Test
    void aDeliveryToAWebhookUrlThatIsNotAbsoluteHttpFailsAtOnceWithoutAnAttempt() {
        dispatcher(SHORT).schedule(delivery(CONVERSATION, 1, "ftp://contoso.example/hook"));

        assertThat(listener.outcomesOf(1)).singleElement().satisfies(outcome -> {
            assertThat(outcome.status()).isEqualTo(FAILED);
            assertThat(outcome.attempts()).isZero();
            assertThat(outcome.lastError()).contains("ftp://contoso.example/hook");
        });
        assertThat(deliveries("failed")).isEqualTo(1);
    }
}
