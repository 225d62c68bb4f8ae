package io.github.ccmessaging.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MessageIdClockTest {
    private static MessageIdClock at(long millis) {
        return new MessageIdClock(Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC));
    }

    @Test
    void usesTheWallClockWhenItIsAhead() {
        assertThat(at(1_745_323_200_123L).next(1_745_323_200_000L)).isEqualTo(1_745_323_200_123L);
    }

    @Test
    void activitiesInTheSameMillisecondGetConsecutiveIds() {
        MessageIdClock clock = at(1_745_323_200_123L);
        long first = clock.next(0);
        long second = clock.next(first);
        long third = clock.next(second);
        assertThat(first).isEqualTo(1_745_323_200_123L);
        assertThat(second).isEqualTo(first + 1);
        assertThat(third).isEqualTo(first + 2);
    }

    @Test
    void staysIncreasingWhenTheWallClockGoesBackwards() {
        assertThat(at(1_000_000_000_000L).next(1_745_323_200_123L)).isEqualTo(1_745_323_200_124L);
    }

    @Test
    void idsOfTodayHaveThirteenDigits() {
        assertThat(Long.toString(new MessageIdClock(Clock.systemUTC()).next(0))).hasSize(13);
    }
}
