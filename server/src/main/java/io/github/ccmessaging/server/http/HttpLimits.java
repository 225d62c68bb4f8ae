package io.github.ccmessaging.server.http;

/**
 * Limits that protect the server from oversized and overly frequent requests.
 *
 * @param maxBodyBytes request bodies above this many bytes get 413 without being read further
 * @param requestsPerSecondPerChannel sustained requests per second a channel may make (0: no limit); bursts of one
 *     second's worth are allowed
 */
public record HttpLimits(long maxBodyBytes, int requestsPerSecondPerChannel) {
    /** 16 MiB: far above the largest valid activity (6,000 characters of text) yet room for embedded attachments. */
    public static final long DEFAULT_MAX_BODY_BYTES = 16L * 1024 * 1024;

    public HttpLimits {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("The body limit must be at least 1 byte.");
        }
        if (requestsPerSecondPerChannel < 0) {
            throw new IllegalArgumentException("The rate limit must not be negative.");
        }
    }

    /** The emulator's defaults: 16 MiB bodies, no rate limit. */
    public static HttpLimits defaults() {
        return new HttpLimits(DEFAULT_MAX_BODY_BYTES, 0);
    }
}
