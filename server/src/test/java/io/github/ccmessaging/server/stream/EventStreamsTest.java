package io.github.ccmessaging.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EventStreamsTest {

    @Test
    void aChannelNobodyWatchesKeepsNothingAndBuildsNoPayload() {
        try (EventStreams streams = new EventStreams(new ObjectMapper())) {
            AtomicInteger built = new AtomicInteger();

            streams.publish("c0ffee00-0000-4000-8000-000000000001", "activity", () -> built.incrementAndGet());

            assertThat(streams.watched("c0ffee00-0000-4000-8000-000000000001")).isFalse();
            assertThat(streams.anyWatched()).isFalse();
            assertThat(built).hasValue(0);
        }
    }

    @Nested
    class TheRing {
        private final AtomicLong sequence = new AtomicLong(100);
        private final ChannelFeed feed = new ChannelFeed(3, sequence.incrementAndGet(), 0);

        @Test
        void holdsTheEventsAfterAPositionInOrder() {
            for (int i = 0; i < 3; i++) {
                feed.append(sequence, "activity", () -> "x");
            }

            assertThat(feed.after(101)).extracting(StreamEvent::sequence).containsExactly(102L, 103L, 104L);
            assertThat(feed.after(103)).extracting(StreamEvent::sequence).containsExactly(104L);
            assertThat(feed.after(104)).isEmpty();
        }

        @Test
        void forgetsTheOldestBeyondItsCapacityAndSaysSo() {
            for (int i = 0; i < 4; i++) {
                feed.append(sequence, "activity", () -> "x");
            }

            assertThat(feed.after(101)).as("102 left the ring").isNull();
            assertThat(feed.after(102)).extracting(StreamEvent::sequence).containsExactly(103L, 104L, 105L);
        }

        @Test
        void resumesOnlyFromAPositionItStillHolds() {
            for (int i = 0; i < 4; i++) {
                feed.append(sequence, "activity", () -> "x");
            }

            assertThat(feed.subscribe(null, 103)).isEqualTo(new ChannelFeed.Start(103, true));
            assertThat(feed.subscribe(null, 101)).isEqualTo(new ChannelFeed.Start(105, false));
            assertThat(feed.subscribe(null, 999)).as("not given yet").isEqualTo(new ChannelFeed.Start(105, false));
            assertThat(feed.subscribe(null, -1)).isEqualTo(new ChannelFeed.Start(105, false));
        }

        @Test
        void aRetiredFeedKeepsNothingMore() {
            assertThat(feed.retireIfIdleSince(1)).isTrue();

            assertThat(feed.append(sequence, "activity", () -> "x")).isFalse();
            assertThat(feed.subscribe(null, -1)).isNull();
        }
    }
}
