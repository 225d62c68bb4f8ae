package io.github.ccmessaging.server.fastpath;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ccmessaging.server.ApiCalls;
import io.github.ccmessaging.server.EventStreamClient;
import io.github.ccmessaging.server.TestServer;
import io.github.ccmessaging.server.stream.EventStreams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The fast path's direct stream writes: after the opening events, each stream's events go straight to its connection,
 * a batch per write, never waiting for a client that does not read. {@code EventStreamTest} and
 * {@code EventStreamOnTheGeneralPathTest} show that a client sees the same events either way.
 */
class DirectStreamWritesTest {
    static final String WRITTEN_DIRECTLY = FastPath.STREAM_WRITES_METER + "_total";
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** A text as long as a message may be, so that a client that does not read backs the server up quickly. */
    private static final String LONG_TEXT = "x".repeat(5000);
    /**
     * Messages of {@link #LONG_TEXT} that a client that does not read cannot take: more than the kernel's socket send
     * buffer may grow to ({@code tcp_wmem}) and the write queue the stream allows hold for it.
     */
    private static final int BEYOND_THE_BUFFERS = (int) ((largestSendBuffer() + EventStreams.WRITE_QUEUE_BYTES)
            / LONG_TEXT.length()) + 200;

    @Nested
    class Taken {
        @Test
        void withTheFastPathEveryEventAfterTheOpeningIsWrittenStraightToTheConnection() {
            try (TestServer server = new TestServer(); EventStreamClient stream = openedStream(server)) {
                String conversation = server.dev().newConversation();

                assertThat(stream.about(conversation).name()).isEqualTo("conversation");
                assertThat(MeterCounts.of(server.baseUri(), WRITTEN_DIRECTLY)).isGreaterThanOrEqualTo(1);
            }
        }

        @Test
        void withTheFastPathOffEveryEventGoesThroughJerseysEventSink() {
            try (TestServer server = new TestServer(settings -> settings.fastPath(false));
                 EventStreamClient stream = openedStream(server)) {
                String conversation = server.dev().newConversation();

                assertThat(stream.about(conversation).name()).isEqualTo("conversation");
                assertThat(MeterCounts.of(server.baseUri(), WRITTEN_DIRECTLY)).isZero();
            }
        }
    }

    @Test
    void bothPathsPutTheSameBytesOnTheWire() {
        assertThat(wireOfASession(true)).isEqualTo(wireOfASession(false)).contains("event: ready\n", "event: activity\n");
    }

    /** What a stream receives of a conversation with awkward texts, the values that differ from run to run masked. */
    private static String wireOfASession(boolean fastPath) {
        try (TestServer server = new TestServer(settings -> settings.fastPath(fastPath));
             RawEventStream stream = RawEventStream.open(server.baseUri(), TestServer.DEV, 64 * 1024)) {
            assertThat(stream.readUntil("event: ready", WAIT)).contains("event: ready");
            ApiCalls api = server.dev();
            String conversation = api.newConversation();
            api.message(conversation, "two\nlines and a \"quote\"");
            api.message(conversation, "é € 😀 <b>&amp;</b> \u2028");
            api.message(conversation, "the end");
            String wire = stream.readUntil("the end", WAIT);
            assertThat(wire).as("fast path " + fastPath).contains("the end");
            return wire.replaceAll("id: [0-9a-z]+-", "id: (instance)-")
                    .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "(guid)")
                    .replaceAll("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z", "(time)")
                    .replaceAll("\\b\\d{13}\\b", "(messageId)");
        }
    }

    @Nested
    class AClientThatStopsReading {
        private TestServer server;
        private ApiCalls api;
        private final List<RawEventStream> stalled = new ArrayList<>();

        @BeforeEach
        void start() {
            server = new TestServer();
            api = server.dev();
        }

        @AfterEach
        void stop() {
            stalled.forEach(RawEventStream::close);
            server.close();
        }

        /** Customer messages of {@link #LONG_TEXT}, each numbered, sent eight at a time. */
        private void postMessages(String conversation, int count) {
            ExecutorService senders = Executors.newFixedThreadPool(8);
            try {
                CompletableFuture.allOf(IntStream.range(0, count).mapToObj(i -> CompletableFuture.runAsync(
                        () -> assertThat(api.message(conversation, i + " " + LONG_TEXT).status()).isEqualTo(200),
                        senders)).toArray(CompletableFuture[]::new)).join();
            } finally {
                senders.shutdown();
            }
        }

        private RawEventStream stalledStream() {
            RawEventStream stream = RawEventStream.open(server.baseUri(), TestServer.DEV, 1024);
            stalled.add(stream);
            return stream;
        }

        @Test
        void holdsUpNoOtherStream() {
            // more stalled streams than the streams have writer threads
            IntStream.range(0, 6).forEach(i -> stalledStream());
            try (EventStreamClient reading = openedStream(server)) {
                String conversation = api.newConversation();
                reading.about(conversation);

                postMessages(conversation, BEYOND_THE_BUFFERS);
                long answered = System.nanoTime();

                Set<String> received = new HashSet<>();
                for (int i = 0; i < BEYOND_THE_BUFFERS; i++) {
                    String text = reading.next("activity").data().at("/entry/activity/text").asText();
                    received.add(text.substring(0, text.indexOf(' ')));
                }
                assertThat(received).hasSize(BEYOND_THE_BUFFERS);
                assertThat(Duration.ofNanos(System.nanoTime() - answered))
                        .as("from the last answer to the last event on the stream that reads").isLessThan(WAIT);
            }
        }

        @Test
        void getsWhatItMissedInOrderThenIsToldToReloadOnceItFellTooFarBehind() {
            RawEventStream stream = stalledStream();
            String conversation = api.newConversation();
            int sent = BEYOND_THE_BUFFERS + EventStreams.CAPACITY;
            postMessages(conversation, sent);

            String wire = stream.readToEnd(WAIT);

            assertThat(stream.ended()).as("the server ended the stream").isTrue();
            List<String> names = new ArrayList<>();
            long previous = -1;
            for (String event : wire.split("\n\n")) {
                Matcher id = Pattern.compile("(?m)^id: [0-9a-z]+-(\\d+)$").matcher(event);
                assertThat(id.find()).as("an id in " + event.substring(0, Math.min(80, event.length()))).isTrue();
                long position = Long.parseLong(id.group(1));
                String name = event.substring("event: ".length(), event.indexOf('\n'));
                if (!name.equals("reset")) { // a reset carries the position it is about, the last one sent
                    assertThat(previous == -1 || position == previous + 1).as("event " + position + " after "
                            + previous).isTrue();
                    previous = position;
                }
                names.add(name);
            }
            long activities = names.stream().filter("activity"::equals).count();
            assertThat(activities).as("activities received before the stream ended").isLessThan(sent);
            assertThat(names.get(names.size() - 1)).isIn("reset", "activity", "conversation");
            if (names.contains("reset")) {
                assertThat(wire).contains("\"reason\":\"too-far-behind\"");
                assertThat(names.indexOf("reset")).isEqualTo(names.size() - 1);
            }
        }
    }

    /** The largest a TCP socket's send buffer grows to on this machine (Linux), 4 MiB where it cannot be read. */
    private static long largestSendBuffer() {
        try {
            String[] wmem = Files.readString(Path.of("/proc/sys/net/ipv4/tcp_wmem")).trim().split("\\s+");
            return Long.parseLong(wmem[2]);
        } catch (IOException | RuntimeException notLinux) {
            return 4L << 20;
        }
    }

    private static EventStreamClient openedStream(TestServer server) {
        EventStreamClient stream = EventStreamClient.open(server.baseUri(), TestServer.DEV, null);
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.next(WAIT).name()).isEqualTo("ready");
        return stream;
    }

}
