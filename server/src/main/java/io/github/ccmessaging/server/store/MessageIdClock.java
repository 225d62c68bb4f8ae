package io.github.ccmessaging.server.store;

import java.time.Clock;

/**
 * Assigns {@code messageId}s: epoch milliseconds (13 digits until the year 2286), strictly increasing within a
 * conversation. Two activities in the same millisecond get consecutive ids, so ids may run slightly ahead of the wall
 * clock under bursts; ordering, not exact time, is what the API promises.
 */
public final class MessageIdClock {
    private final Clock clock;

    public MessageIdClock(Clock clock) {
        this.clock = clock;
    }

    /** The id after {@code previous} (0 when the conversation has none yet). */
    public long next(long previous) {
        return Math.max(clock.millis(), previous + 1);
    }
}
