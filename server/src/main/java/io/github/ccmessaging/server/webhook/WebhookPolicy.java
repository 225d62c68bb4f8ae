package io.github.ccmessaging.server.webhook;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard the dispatcher tries.
 *
 * @param attemptTimeout the longest one attempt may take, connecting and the response included
 * @param maxRetries how many times a failed first attempt is retried before giving up
 * @param retryBackoff the wait before the first retry; it doubles for each further retry
 * @param pollInterval how often the outbox is looked at for deliveries that other server instances stored
 */
public record WebhookPolicy(Duration attemptTimeout, int maxRetries, Duration retryBackoff, Duration pollInterval) {
    private static final int MAX_DOUBLINGS = 20;
    static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(500);

    public WebhookPolicy {
        Objects.requireNonNull(attemptTimeout, "attemptTimeout");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive");
        }
        if (attemptTimeout.isNegative() || attemptTimeout.isZero()) {
            throw new IllegalArgumentException("attemptTimeout must be positive");
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative");
        }
        if (retryBackoff.isNegative()) {
            throw new IllegalArgumentException("retryBackoff must not be negative");
        }
    }

    public WebhookPolicy(Duration attemptTimeout, int maxRetries, Duration retryBackoff) {
        this(attemptTimeout, maxRetries, retryBackoff, DEFAULT_POLL_INTERVAL);
    }

    /** The same policy with another time per attempt. */
    public WebhookPolicy withAttemptTimeout(Duration timeout) {
        return new WebhookPolicy(timeout, maxRetries, retryBackoff, pollInterval);
    }

    /**
     * How long a claimed delivery is reserved for its dispatcher: twice the attempt timeout, so an attempt in progress
     * is never taken over, while a dispatcher that died gives its deliveries up soon.
     */
    public Duration lease() {
        return attemptTimeout.multipliedBy(2);
    }

    /** What the Messaging API documents: 10 s per attempt, up to 3 retries; waits of 1, 2 and 4 s between them. */
    public static WebhookPolicy defaults() {
        return new WebhookPolicy(Duration.ofSeconds(10), 3, Duration.ofSeconds(1));
    }

    /** The wait before retry number {@code retry}, counting from 1. */
    Duration waitBeforeRetry(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry counts from 1");
        }
        return retryBackoff.multipliedBy(1L << Math.min(retry - 1, MAX_DOUBLINGS));
    }
}
