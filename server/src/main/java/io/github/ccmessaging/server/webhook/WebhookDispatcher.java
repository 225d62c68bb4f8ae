package io.github.ccmessaging.server.webhook;

import static java.util.Objects.requireNonNull;

import io.github.ccmessaging.server.store.Delivery;
import io.github.ccmessaging.server.store.Outbox;
import io.github.ccmessaging.server.store.OutboxItem;
import io.github.ccmessaging.server.store.StoreFailure;
import io.github.ccmessaging.server.threads.DaemonThreads;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers representative-side activities from the {@link Outbox} to channel webhooks:
 * {@code POST {webhookUrl}/v3/conversations/{id}/activities} over HTTP/1.1 with the channel's webhook token. An attempt
 * succeeds on any 2xx (the API documents 200); any other status, a refused connection or no answer within
 * {@link WebhookPolicy#attemptTimeout()} fails it, and a failed delivery is retried {@link WebhookPolicy#maxRetries()}
 * times, with doubling waits, before it is given up.
 *
 * <p>The outbox hands out only the oldest pending delivery of each conversation, so a conversation's deliveries go out
 * in order, the next waiting until the previous is delivered or given up; conversations never wait for each other.
 * Each claim is a lease of {@link WebhookPolicy#lease()} and counts the attempt it is for: a delivery whose dispatcher
 * died (a crash, another instance gone) is claimed again once its lease ends, so delivery is at least once, and the
 * attempt cut off stays counted. The dispatcher looks at the outbox when
 * {@link #wake()} is called, after each attempt, and every {@link WebhookPolicy#pollInterval()} for deliveries
 * scheduled by other instances. All I/O is asynchronous on a few daemon threads, so a hanging webhook holds no thread.
 */
public final class WebhookDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int DISPATCH_THREADS = 2;
    private static final int HTTP_THREADS = 2;
    private static final int MAX_IN_FLIGHT = 256;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final WebhookPolicy policy;
    private final Outbox outbox;
    private final WebhookBody body;
    private final DeliveryListener listener;
    private final Clock clock;
    private final DeliveryMetrics metrics;
    private final DeliveryFaults faults;
    /** Deliveries postponed by a late-delivery fault, which go out as they are when claimed again. */
    private final Set<String> postponed = ConcurrentHashMap.newKeySet();
    private final String owner = "dispatcher-" + UUID.randomUUID();
    private final ScheduledThreadPoolExecutor dispatch;
    private final ExecutorService http;
    private final WebhookSender sender;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean lookScheduled = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();

    public WebhookDispatcher(WebhookPolicy policy, Outbox outbox, WebhookBody body, DeliveryListener listener,
                             Clock clock, MeterRegistry registry) {
        this(policy, outbox, body, listener, clock, registry, DeliveryFaults.NONE);
    }

    /** A dispatcher that makes the deliveries {@code faults} asks for late or repeated. */
    public WebhookDispatcher(WebhookPolicy policy, Outbox outbox, WebhookBody body, DeliveryListener listener,
                             Clock clock, MeterRegistry registry, DeliveryFaults faults) {
        this.faults = requireNonNull(faults, "faults");
        this.policy = requireNonNull(policy, "policy");
        this.outbox = requireNonNull(outbox, "outbox");
        this.body = requireNonNull(body, "body");
        this.listener = requireNonNull(listener, "listener");
        this.clock = requireNonNull(clock, "clock");
        this.metrics = new DeliveryMetrics(requireNonNull(registry, "registry"));
        this.dispatch = new ScheduledThreadPoolExecutor(DISPATCH_THREADS, new DaemonThreads("webhook-dispatch"));
        dispatch.setRemoveOnCancelPolicy(true);
        this.http = Executors.newFixedThreadPool(HTTP_THREADS, new DaemonThreads("webhook-http"));
        this.sender = new WebhookSender(policy.attemptTimeout(), http, dispatch);
        long every = policy.pollInterval().toNanos();
        dispatch.scheduleWithFixedDelay(this::wake, every, every, TimeUnit.NANOSECONDS);
    }

    /** Asks the dispatcher to look at the outbox soon, e.g. after a delivery was stored; returns at once. */
    public void wake() {
        if (closed.get() || !lookScheduled.compareAndSet(false, true)) {
            return;
        }
        runLater(() -> {
            lookScheduled.set(false);
            lookAtOutbox();
        }, Duration.ZERO);
    }

    private void lookAtOutbox() {
        int room = MAX_IN_FLIGHT - inFlight.get();
        if (closed.get() || room <= 0) {
            return;
        }
        List<OutboxItem> due = outbox.claimDue(owner, clock.instant(), policy.lease(), room);
        due.forEach(this::attempt);
    }

    private void attempt(OutboxItem item) {
        Misdelivery misdelivery = Misdelivery.NONE;
        // attempts are counted at claim: 1 is the first attempt
        if (item.attempts() == 1 && !postponed.remove(item.conversationId() + "/" + item.messageId())) {
            misdelivery = faults.onFirstAttempt(item.conversationId(), item.messageId());
            if (misdelivery.late()) {
                postpone(item, misdelivery.delay());
                return;
            }
        }
        HttpRequest request;
        try {
            request = WebhookRequests.build(new WebhookDelivery(item.conversationId(), item.messageId(),
                    body.render(item), item.webhookUrl(), item.token()), policy.attemptTimeout());
        } catch (IllegalArgumentException e) {
            // the claim counted an attempt that is never made
            giveUp(item, item.attempts() - 1, e.getMessage());
            return;
        }
        inFlight.incrementAndGet();
        CompletableFuture<AttemptResult> sent = sender.send(request);
        if (misdelivery.repeated()) {
            // the same POST again once the first got through, as an at-least-once sender may do
            sent = sent.thenCompose(first -> first.succeeded()
                    ? sender.send(request).thenApply(again -> first) : CompletableFuture.completedFuture(first));
        }
        sent.thenAcceptAsync(result -> guarded(() -> {
            try {
                onAttempt(item, result);
            } finally {
                inFlight.decrementAndGet();
                wake();
            }
        }), dispatch);
    }

    /** Gives the claimed delivery back, due after {@code delay}; the claim's attempt is not counted. */
    private void postpone(OutboxItem item, Duration delay) {
        postponed.add(item.conversationId() + "/" + item.messageId());
        if (record(item, new Delivery(Delivery.Status.PENDING, item.attempts() - 1, null), clock.instant().plus(delay))) {
            runLater(this::wake, delay);
        }
    }

    private void onAttempt(OutboxItem item, AttemptResult result) {
        if (closed.get()) {
            return;
        }
        metrics.attempt(result.kind());
        int attempts = item.attempts();
        if (result.succeeded()) {
            record(item, new Delivery(Delivery.Status.DELIVERED, attempts, null), clock.instant());
        } else if (attempts <= policy.maxRetries()) {
            LOG.debug("Webhook attempt {} for message {} of conversation {} failed: {}", attempts,
                    item.messageId(), item.conversationId(), result.error());
            Duration wait = policy.waitBeforeRetry(attempts);
            record(item, new Delivery(Delivery.Status.PENDING, attempts, result.error()), clock.instant().plus(wait));
            runLater(this::wake, wait);
        } else {
            giveUp(item, attempts, result.error());
        }
    }

    private void giveUp(OutboxItem item, int attempts, String error) {
        if (record(item, new Delivery(Delivery.Status.FAILED, attempts, error), clock.instant())) {
            LOG.warn("Gave up delivering message {} of conversation {} to its webhook after {} attempts: {}",
                    item.messageId(), item.conversationId(), attempts, error);
        }
    }

    private boolean record(OutboxItem item, Delivery outcome, Instant nextAttemptAt) {
        if (!outbox.finish(item, owner, outcome, nextAttemptAt)) {
            LOG.info("Lost the lease on message {} of conversation {}; another dispatcher delivers it",
                    item.messageId(), item.conversationId());
            return false;
        }
        if (outcome.status() == Delivery.Status.DELIVERED) {
            metrics.delivered(Duration.between(item.receivedAt(), clock.instant()).toNanos());
        } else if (outcome.status() == Delivery.Status.FAILED) {
            metrics.failed();
        }
        try {
            listener.onOutcome(item, new DeliveryOutcome(
                    DeliveryStatus.valueOf(outcome.status().name()), outcome.attempts(), outcome.lastError()));
        } catch (RuntimeException e) {
            LOG.error("Webhook delivery listener failed on {}", outcome, e);
        }
        return true;
    }

    private void runLater(Runnable task, Duration wait) {
        try {
            dispatch.schedule(() -> guarded(task), wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Webhook dispatcher closing; task dropped");
        }
    }

    // An executor keeps a task's exception to itself; a thrown one would otherwise vanish without a trace.
    private void guarded(Runnable task) {
        try {
            task.run();
        } catch (StoreFailure e) {
            // the store logs its own failures, once per outage; the outbox is looked at again soon
            LOG.debug("Webhook dispatch met a store failure", e);
        } catch (RuntimeException e) {
            if (!closed.get()) {
                LOG.error("Webhook dispatch failed", e);
            }
        }
    }

    /**
     * Stops dispatching and aborts the attempts in flight. Their deliveries stay pending in the outbox, with their
     * leases released, so the next start (or another instance) delivers them.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        dispatch.shutdownNow();
        sender.cancelAll();
        http.shutdownNow();
        awaitTermination(dispatch);
        awaitTermination(http);
        try {
            outbox.releaseLeases(owner);
        } catch (RuntimeException e) {
            LOG.warn("Could not release the webhook leases ({}); they end on their own after {}", e.getMessage(),
                    policy.lease());
        }
    }

    private static void awaitTermination(ExecutorService executor) {
        try {
            executor.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
