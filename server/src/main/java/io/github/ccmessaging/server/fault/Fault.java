package io.github.ccmessaging.server.fault;

import java.util.SplittableRandom;

/**
 * What happens to a matching request or delivery.
 *
 * @param kind what kind of fault
 * @param status the status of a {@link FaultKind#STATUS} answer (429, 500 or 503); 0 otherwise
 * @param retryAfterSeconds the {@code Retry-After} of a 429 or 503; null for none
 * @param errorCode the documented error code of a 500 (30015), or null
 * @param delayMillis the delay, or the least of a random one ({@link FaultKind#DELAY}, {@link FaultKind#LATE_DELIVERY})
 * @param maxDelayMillis the most of a random delay; null for a fixed one
 */
public record Fault(FaultKind kind, int status, Integer retryAfterSeconds, Integer errorCode, long delayMillis,
                    Long maxDelayMillis) {

    public static Fault status(int status, Integer retryAfterSeconds, Integer errorCode) {
        return new Fault(FaultKind.STATUS, status, retryAfterSeconds, errorCode, 0, null);
    }

    public static Fault of(FaultKind kind) {
        return new Fault(kind, 0, null, null, 0, null);
    }

    /** The delay of one firing: fixed, or drawn between the two bounds. */
    long drawDelay(SplittableRandom random) {
        if (maxDelayMillis == null || maxDelayMillis <= delayMillis) {
            return delayMillis;
        }
        return delayMillis + random.nextLong(maxDelayMillis - delayMillis + 1);
    }
}
