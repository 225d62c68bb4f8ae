package io.github.ccmessaging.server.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits that protect the server from oversized, slow and overly frequent requests.
 *
 * @param maxBodyBytes request bodies above this many bytes get 413 without being read further
 * @param requestsPerSecondPerChannel sustained requests per second a channel may make (0: no limit); bursts of one
 *     second's worth are allowed
 * @param bodyTimeout the longest a request body may take to arrive once its headers have; then 408 and the connection
 *     is closed. Bodies are gathered without a request thread, so a slow one holds up nobody meanwhile
 * @param idleTimeout how long a connection may wait for the next request's headers before it is closed (a client that
 *     sends its headers slowly is closed after this too)
 */
public record HttpLimits(long maxBodyBytes, int requestsPerSecondPerChannel, Duration bodyTimeout,
                         Duration idleTimeout) {
    /** 16 MiB: far above the largest valid activity (6,000 characters of text) yet room for embedded attachments. */
    public static final long DEFAULT_MAX_BODY_BYTES = 16L * 1024 * 1024;
    /** Seconds a body may take: a service-to-service caller sends even 16 MiB much faster. */
    public static final int DEFAULT_BODY_TIMEOUT_SECONDS = 10;
    /** Grizzly's own keep-alive default. */
    public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 30;

    public HttpLimits {
        Objects.requireNonNull(bodyTimeout, "bodyTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("The body limit must be at least 1 byte.");
        }
        if (requestsPerSecondPerChannel < 0) {
            throw new IllegalArgumentException("The rate limit must not be negative.");
        }
        if (bodyTimeout.isNegative() || bodyTimeout.isZero()) {
            throw new IllegalArgumentException("The body timeout must be positive.");
        }
        if (idleTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("The idle timeout must be at least 1 second.");
        }
    }

    /** These body and rate limits, with the default timeouts. */
    public HttpLimits(long maxBodyBytes, int requestsPerSecondPerChannel) {
        this(maxBodyBytes, requestsPerSecondPerChannel, Duration.ofSeconds(DEFAULT_BODY_TIMEOUT_SECONDS),
                Duration.ofSeconds(DEFAULT_IDLE_TIMEOUT_SECONDS));
    }

    /** The emulator's defaults: 16 MiB bodies arriving within 10 s, connections idle for up to 30 s, no rate limit. */
    public static HttpLimits defaults() {
        return new HttpLimits(DEFAULT_MAX_BODY_BYTES, 0);
    }

    public HttpLimits withMaxBodyBytes(long bytes) {
        return new HttpLimits(bytes, requestsPerSecondPerChannel, bodyTimeout, idleTimeout);
    }

    public HttpLimits withRateLimit(int requestsPerSecond) {
        return new HttpLimits(maxBodyBytes, requestsPerSecond, bodyTimeout, idleTimeout);
    }

    public HttpLimits withBodyTimeout(Duration timeout) {
        return new HttpLimits(maxBodyBytes, requestsPerSecondPerChannel, timeout, idleTimeout);
    }

    public HttpLimits withIdleTimeout(Duration timeout) {
        return new HttpLimits(maxBodyBytes, requestsPerSecondPerChannel, bodyTimeout, timeout);
    }
}
