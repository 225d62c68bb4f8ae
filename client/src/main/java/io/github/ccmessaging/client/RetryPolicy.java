package io.github.ccmessaging.client;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to retry a call the server refused for now (429 Too Many Requests, 503 Service Unavailable): after the
 * server's {@code Retry-After} when it sent one, else after an exponential backoff with full jitter; never longer
 * than {@code maxDelay}, at most {@code maxRetries} times.
 */
record RetryPolicy(int maxRetries, Duration baseDelay, Duration maxDelay) {
    static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(30));

    RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative");
        }
        if (baseDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("retry delays must not be negative");
        }
    }

    static boolean isRetryable(int status) {
        return status == 429 || status == 503;
    }

    /** The pause before retry number {@code retry} (1 for the first retry). */
    Duration delayBefore(int retry, Optional<Duration> retryAfter) {
        Duration delay = retryAfter.orElseGet(() -> {
            long ceiling = baseDelay.toMillis() << Math.min(retry - 1, 20);
            return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
        });
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
