package io.github.ccmessaging.bench.console;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Holds N agent-console streams ({@code GET /emulator/stream}) open on a channel and, while they are open, sends probe
 * messages to a conversation of that channel at a steady rate; each stream notes when each probe's {@code activity}
 * event reaches it. Prints {@code READY} once every stream has its {@code ready} event (bench/run.sh starts the load
 * then), and at the end one JSON line: the probes sent, the events expected and received, and the latency from the
 * probe's request to its event on a stream (p50, p99, max, over every stream and probe).
 *
 * <pre>
 * java -jar console-streams.jar --base http://127.0.0.1:18400 --streams 100 --seconds 20 --rate 20 --watch other
 * </pre>
 * {@code --watch other} (the default) registers a second channel of the development organization and watches it, so
 * the load on the development channel is the API's work with streams open elsewhere; {@code --watch same} watches the
 * development channel itself, and every stream then receives every event of the load as well.
 */
public final class ConsoleStreams {
    private static final String DEV_CHANNEL = "c0ffee00-0000-4000-8000-000000000001";
    private static final String ORGANIZATION = "c0ffee00-0000-4000-8000-000000000002";
    private static final String DEV_TOKEN = "emulator-dev-token";
    private static final String OTHER_CHANNEL = "c0ffee00-0000-4000-8000-0000000000b7";
    private static final String OTHER_TOKEN = "bench-console-token";
    private static final byte[] PROBE_TEXT = "\"text\":\"probe-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] READY_LINE = "event: ready".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] READY_LINE_BARE = "event:ready".getBytes(StandardCharsets.US_ASCII);

    private final URI base;
    private final String channel;
    private final String token;
    private final Map<Integer, Long> sentAt = new ConcurrentHashMap<>();
    private final List<long[]> latencies = new ArrayList<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong otherEvents = new AtomicLong();

    private ConsoleStreams(URI base, String channel, String token) {
        this.base = base;
        this.channel = channel;
        this.token = token;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        URI base = URI.create(options.getOrDefault("base", "http://127.0.0.1:8080"));
        int streams = Integer.parseInt(options.getOrDefault("streams", "100"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "10"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "20"));
        boolean same = "same".equals(options.getOrDefault("watch", "other"));
        ConsoleStreams bench = same ? new ConsoleStreams(base, DEV_CHANNEL, DEV_TOKEN)
                : new ConsoleStreams(base, OTHER_CHANNEL, OTHER_TOKEN);
        int status = 1;
        try {
            if (!same) {
                bench.registerOtherChannel();
            }
            System.out.println(bench.run(streams, seconds, rate));
            status = 0;
        } catch (Exception | Error e) {
            e.printStackTrace();
        } finally {
            System.out.flush();
            System.exit(status); // the stream readers and the client's threads end with the process
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }

    /** The headers that authenticate a request as {@code channelId}, one line each. */
    private static String headers(String channelId, String bearer) {
        return "channel-id: " + channelId + "\r\norganization-id: " + ORGANIZATION + "\r\nAuthorization: Bearer "
                + bearer + "\r\n";
    }

    private void registerOtherChannel() throws IOException {
        try (ProbeConnection dev = new ProbeConnection(base, headers(DEV_CHANNEL, DEV_TOKEN)
                + "Content-Type: application/json\r\n")) {
            dev.send("PUT", "/emulator/channels/" + OTHER_CHANNEL, "{\"organizationId\":\"" + ORGANIZATION
                    + "\",\"token\":\"" + OTHER_TOKEN + "\"}");
        }
    }

    private String run(int streams, int seconds, int rate) throws Exception {
        ProbeConnection probe = new ProbeConnection(base, headers(channel, token)
                + "Content-Type: application/json\r\n");
        String created = probe.send("POST", "/api/v1.0/consumer/conversation/create", "{}");
        Matcher id = Pattern.compile("\"conversationId\":\"([0-9a-f-]{36})\"").matcher(created);
        if (!id.find()) {
            throw new IllegalStateException("create answered " + created);
        }
        String conversation = id.group(1);
        CountDownLatch ready = new CountDownLatch(streams);
        StreamReaders readers = new StreamReaders();
        Thread reading = new Thread(() -> {
            try {
                readers.run();
            } catch (IOException e) {
                System.err.println("reading the streams failed: " + e);
            }
        }, "stream-readers");
        reading.setDaemon(true);
        reading.start();
        for (int i = 0; i < streams; i++) {
            long[] mine = new long[seconds * rate * 2 + 100];
            synchronized (latencies) {
                latencies.add(mine);
            }
            readers.open(base, streamRequest(), new StreamLines(ready, mine));
        }
        if (!ready.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException((streams - ready.getCount()) + " of " + streams + " streams opened");
        }
        System.out.println("READY");
        System.out.flush();
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        int probes = 0;
        while (System.nanoTime() - start < seconds * 1_000_000_000L) {
            long due = start + probes * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            sentAt.put(probes, System.nanoTime());
            probe.send("POST", "/api/v1.0/consumer/conversation/" + conversation,
                    "{\"type\":\"message\",\"text\":\"probe-" + probes + "\"}");
            probes++;
        }
        probe.close();
        Thread.sleep(2000);
        readers.close();
        reading.join(1000);
        return summary(streams, probes);
    }

    /** The head of a {@code GET /emulator/stream} request, as a browser's EventSource sends it. */
    private String streamRequest() {
        return "GET /emulator/stream HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n"
                + "Accept: text/event-stream\r\nCache-Control: no-cache\r\n" + headers(channel, token) + "\r\n";
    }

    /** One stream's lines: notes its ready event and the arrival of each probe's event. */
    private final class StreamLines implements StreamReaders.LineConsumer {
        private final CountDownLatch ready;
        private final long[] mine;
        private boolean opened;
        private int seen;

        StreamLines(CountDownLatch ready, long[] mine) {
            this.ready = ready;
            this.mine = mine;
        }

        @Override
        public void accept(byte[] line, int length) {
            if (!opened && (startsWith(line, length, READY_LINE) || startsWith(line, length, READY_LINE_BARE))) {
                opened = true;
                ready.countDown();
                return;
            }
            if (!startsWith(line, length, DATA)) {
                return;
            }
            int at = indexOf(line, length, PROBE_TEXT);
            if (at < 0) {
                otherEvents.incrementAndGet();
                return;
            }
            int number = 0;
            for (int i = at + PROBE_TEXT.length; i < length && line[i] >= '0' && line[i] <= '9'; i++) {
                number = number * 10 + line[i] - '0';
            }
            Long sent = sentAt.get(number);
            if (sent != null && seen < mine.length) {
                mine[seen++] = System.nanoTime() - sent;
                received.incrementAndGet();
            }
        }
    }

    private static boolean startsWith(byte[] line, int length, byte[] prefix) {
        return length >= prefix.length && Arrays.equals(line, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] line, int length, byte[] text) {
        outer:
        for (int i = 0; i + text.length <= length; i++) {
            for (int j = 0; j < text.length; j++) {
                if (line[i + j] != text[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private String summary(int streams, int probes) {
        long[] all;
        synchronized (latencies) {
            all = latencies.stream().flatMapToLong(a -> Arrays.stream(a).filter(v -> v > 0)).sorted().toArray();
        }
        return String.format(Locale.ROOT, "{\"streams\":%d,\"probes\":%d,\"expected\":%d,\"received\":%d,"
                        + "\"other_events\":%d,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f}",
                streams, probes, (long) streams * probes, received.get(), otherEvents.get(),
                millis(all, 0.50), millis(all, 0.99), all.length == 0 ? -1 : all[all.length - 1] / 1e6);
    }

    private static double millis(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
