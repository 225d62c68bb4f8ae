package io.github.ccmessaging.server.webhook;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers representative-side activities to channel webhooks: {@code POST {webhookUrl}/v3/conversations/{id}/activities}
 * over HTTP/1.1 with the channel's bearer token. An attempt succeeds on any 2xx (the API documents 200); any other
 * status, a refused connection or no answer within {@link WebhookPolicy#attemptTimeout()} fails it, and a failed
 * delivery is retried {@link WebhookPolicy#maxRetries()} times, with doubling waits, before it is given up.
 *
 * <p>Deliveries to one conversation go out one at a time in the order they were scheduled, the next waiting until
 * the previous is delivered or given up; conversations never wait for each other. All I/O is asynchronous on a few
 * daemon threads, so a hanging or dead webhook holds no thread. Deliveries are kept in memory only.
 */
public final class WebhookDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int DISPATCH_THREADS = 2;
    private static final int HTTP_THREADS = 2;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final WebhookPolicy policy;
    private final DeliveryListener listener;
    private final DeliveryMetrics metrics;
    private final SerialLanes<Pending> lanes = new SerialLanes<>();
    private final ScheduledThreadPoolExecutor dispatch;
    private final ExecutorService http;
    private final WebhookSender sender;
    private final AtomicBoolean closed = new AtomicBoolean();

    private record Pending(WebhookDelivery delivery, HttpRequest request, long scheduledAtNanos) {
    }

    public WebhookDispatcher(WebhookPolicy policy, DeliveryListener listener, MeterRegistry registry) {
        this.policy = requireNonNull(policy, "policy");
        this.listener = requireNonNull(listener, "listener");
        this.metrics = new DeliveryMetrics(requireNonNull(registry, "registry"));
        this.dispatch = new ScheduledThreadPoolExecutor(DISPATCH_THREADS, new DaemonThreads("webhook-dispatch"));
        dispatch.setRemoveOnCancelPolicy(true);
        this.http = Executors.newFixedThreadPool(HTTP_THREADS, new DaemonThreads("webhook-http"));
        this.sender = new WebhookSender(policy.attemptTimeout(), http, dispatch);
    }

    /**
     * Queues a delivery and returns at once; the listener hears {@code PENDING} before this returns. A delivery that
     * could never be sent — the webhook URL is not an absolute http(s) URL, or the token is no valid header value —
     * is given up at once instead: {@code FAILED} after 0 attempts.
     *
     * @throws IllegalStateException when the dispatcher is closed
     */
    public void schedule(WebhookDelivery delivery) {
        if (closed.get()) {
            throw new IllegalStateException("the webhook dispatcher is closed");
        }
        HttpRequest request;
        try {
            request = WebhookRequests.build(delivery, policy.attemptTimeout());
        } catch (IllegalArgumentException e) {
            giveUp(delivery, 0, e.getMessage());
            return;
        }
        Pending pending = new Pending(delivery, request, System.nanoTime());
        report(delivery, new DeliveryOutcome(DeliveryStatus.PENDING, 0, null));
        if (lanes.enqueue(delivery.conversationId(), pending)) {
            // Never on the caller's thread: even resolving the webhook's host name could block.
            runLater(() -> attempt(pending, 1), Duration.ZERO);
        }
    }

    private void attempt(Pending pending, int number) {
        if (closed.get()) {
            return;
        }
        sender.send(pending.request())
                .thenAcceptAsync(result -> guarded(() -> onAttempt(pending, number, result)), dispatch);
    }

    private void onAttempt(Pending pending, int attempts, AttemptResult result) {
        if (closed.get()) {
            return;
        }
        metrics.attempt(result.kind());
        WebhookDelivery delivery = pending.delivery();
        if (result.succeeded()) {
            metrics.delivered(System.nanoTime() - pending.scheduledAtNanos());
            report(delivery, new DeliveryOutcome(DeliveryStatus.DELIVERED, attempts, null));
            startNext(delivery);
        } else if (attempts <= policy.maxRetries()) {
            LOG.debug("Webhook attempt {} for message {} of conversation {} failed: {}", attempts,
                    delivery.messageId(), delivery.conversationId(), result.error());
            report(delivery, new DeliveryOutcome(DeliveryStatus.PENDING, attempts, result.error()));
            runLater(() -> attempt(pending, attempts + 1), policy.waitBeforeRetry(attempts));
        } else {
            giveUp(delivery, attempts, result.error());
            startNext(delivery);
        }
    }

    private void giveUp(WebhookDelivery delivery, int attempts, String error) {
        metrics.failed();
        LOG.warn("Gave up delivering message {} of conversation {} to its webhook after {} attempts: {}",
                delivery.messageId(), delivery.conversationId(), attempts, error);
        report(delivery, new DeliveryOutcome(DeliveryStatus.FAILED, attempts, error));
    }

    private void startNext(WebhookDelivery finished) {
        lanes.finishActive(finished.conversationId()).ifPresent(next -> attempt(next, 1));
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
        } catch (RuntimeException e) {
            if (!closed.get()) {
                LOG.error("Webhook dispatch failed", e);
            }
        }
    }

    private void report(WebhookDelivery delivery, DeliveryOutcome outcome) {
        try {
            listener.onOutcome(delivery.conversationId(), delivery.messageId(), outcome);
        } catch (RuntimeException e) {
            LOG.error("Webhook delivery listener failed on {}", outcome, e);
        }
    }

    /** Stops accepting deliveries, aborts the attempts in flight and drops what is still queued. */
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
        int dropped = lanes.clear();
        if (dropped > 0) {
            LOG.info("Webhook dispatcher closed; {} undelivered activities dropped", dropped);
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
