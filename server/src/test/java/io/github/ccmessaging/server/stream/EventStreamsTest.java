package io.github.ccmessaging.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ccmessaging.server.SpecDocument;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EventStreamsTest {

    @Test
    void aChannelNobodyWatchesKeepsNothingAndBuildsNoPayload() {
        try (EventStreams streams = new EventStreams(new ObjectMapper(), true)) {
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

    @Nested
    class AStreamWhoseClientStoppedReading {
        /** An output whose connection has refused more since {@code refusedSince}. */
        private final class Refusing implements EventOutput {
            private final long refusedSince;
            private boolean closed;

            Refusing(long refusedSince) {
                this.refusedSince = refusedSince;
            }

            @Override
            public int send(java.util.List<StreamEvent> events) {
                return 0;
            }

            @Override
            public boolean sendKeepAlive() {
                return false;
            }

            @Override
            public boolean stalledSince(long sinceNanos) {
                return refusedSince - sinceNanos < 0;
            }

            @Override
            public boolean refusing() {
                return true;
            }

            @Override
            public void close() {
                closed = true;
            }
        }

        @Test
        void isClosedAtTheFirstHeartbeatAfterItRefusedForAWholeKeepAlivePeriod() {
            try (EventStreams streams = new EventStreams(new ObjectMapper(), true)) {
                ChannelFeed feed = new ChannelFeed(10, 0, 0);
                Subscriber subscriber = new Subscriber(streams, feed, null);
                feed.subscribe(subscriber, -1);
                Refusing output = new Refusing(1_000);
                subscriber.start(0, output);

                subscriber.heartbeat(999);
                assertThat(output.closed).as("refusing since just after the period began").isFalse();
                assertThat(feed.subscribers).containsExactly(subscriber);

                subscriber.heartbeat(1_001);
                assertThat(output.closed).as("refusing since before the period began").isTrue();
                assertThat(feed.subscribers).isEmpty();
            }
        }
    }

    @Test
    void theContractStatesTheLimitsTheStreamsKeep() {
        String description = SpecDocument.at(SpecDocument.messaging(), "/paths/~1emulator~1stream/get/description")
                .asText().replaceAll("\\s+", " ");

        assertThat(description).contains(
                "keeps the last " + String.format(Locale.ROOT, "%,d", EventStreams.CAPACITY) + " events of each channel",
                "for " + EventStreams.KEEP_AFTER_LAST.toSeconds() + " seconds after the last one closed",
                "(`: keep-alive`) is sent every " + EventStreams.KEEP_ALIVE.toSeconds() + " seconds",
                "reads nothing for " + EventStreams.KEEP_ALIVE.toSeconds() + " seconds while events wait",
                "at most " + EventStreams.WRITE_QUEUE_BYTES / 1024 + " KiB of a stream's unread events");
    }
}
