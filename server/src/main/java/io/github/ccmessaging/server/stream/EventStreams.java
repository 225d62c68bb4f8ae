package io.github.ccmessaging.server.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ccmessaging.server.model.StreamReady;
import io.github.ccmessaging.server.model.StreamReset;
import io.github.ccmessaging.server.threads.DaemonThreads;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.glassfish.grizzly.http.server.Response;

/**
 * The Server-Sent Event streams of channels: what happens to a channel is {@link #publish published} here and sent to
 * every open stream of that channel, each event with an id ({@code instance-sequence}) from which a reconnecting
 * client resumes. A channel that no stream watches costs one map look-up per event: its events are not kept. Once a
 * stream opens, the channel's last {@value #CAPACITY} events are kept, until {@link #KEEP_AFTER_LAST} after its last
 * stream closed. Events are written on a few writer threads, never on the thread that published them: through
 * Jersey's event sink, or (the fast path, {@code directWrites}) straight to each stream's connection
 * ({@link ConnectionOutput}).
 */
public final class EventStreams implements AutoCloseable {
    /** Events kept per watched channel, for streams that lag and clients that reconnect. */
    public static final int CAPACITY = 1000;
    /** How long a channel's events are still kept after its last stream closed, so its client can resume. */
    public static final Duration KEEP_AFTER_LAST = Duration.ofSeconds(60);
    /** How often an idle stream gets a comment line, to keep it open through proxies and notice a vanished client. */
    public static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    /**
     * With direct writes, what a stream's connection queues on the heap for a client that does not read, beyond the
     * kernel's socket buffer, before the stream waits for it (Grizzly's default is four times the socket's send buffer:
     * megabytes per stream).
     */
    public static final int WRITE_QUEUE_BYTES = 64 * 1024;
    private static final int WRITER_THREADS = 4;

    private final ConcurrentMap<String, ChannelFeed> feeds = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final LongAdder batchesWrittenDirectly = new LongAdder();
    private final String instance = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);
    private final ObjectMapper json;
    private final boolean directWrites;
    private final ExecutorService writers = Executors.newFixedThreadPool(WRITER_THREADS, new DaemonThreads("event-stream"));
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, new DaemonThreads("event-stream-timer"));
    private volatile Sse sse;

    /**
     * {@code directWrites}: after the opening events, write each stream's events to its connection, a batch at a time
     * and never blocking, instead of one at a time through Jersey's event sink.
     */
    public EventStreams(ObjectMapper json, boolean directWrites) {
        this.json = json;
        this.directWrites = directWrites;
        long keepAlive = KEEP_ALIVE.toMillis();
        timer.scheduleWithFixedDelay(this::sendKeepAlives, keepAlive, keepAlive, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::retireIdleFeeds, 5, 5, TimeUnit.SECONDS);
    }

    /** Whether some stream of the channel is open, or was lately: only then is building an event worth it. */
    public boolean watched(String channelId) {
        return feeds.containsKey(channelId);
    }

    /** Whether any channel is watched. */
    public boolean anyWatched() {
        return !feeds.isEmpty();
    }

    /**
     * Sends an event to the channel's streams. {@code payload} is called at most once, on a writer thread, and only
     * when a stream sends the event; it must not depend on state that changes later.
     */
    public void publish(String channelId, String name, Supplier<Object> payload) {
        ChannelFeed feed = feeds.get(channelId);
        if (feed != null && feed.append(sequence, name, payload)) {
            fanOut(feed);
        }
    }

    /** Tells every stream of every channel to reload: the state it showed is gone. */
    public void stateCleared() {
        feeds.keySet().forEach(this::stateCleared);
    }

    /** Tells the channel's streams to reload: the channel's state is gone. */
    public void stateCleared(String channelId) {
        StreamReset reset = new StreamReset().reason(StreamReset.ReasonEnum.STATE_CLEARED);
        publish(channelId, "reset", () -> reset);
    }

    /**
     * Opens a stream of the channel on {@code sink}: a {@code ready} event, then — when {@code lastEventId} names an
     * event whose successors are all kept — the events after it, else a {@code reset} when a position was given; then
     * every new event. The opening events are sent here, through the sink, which answers the request; with direct
     * writes the rest go to {@code connection}, the request's output, which this calls now. Returns at once; the stream
     * stays open until the client or {@link #closeStreams} ends it.
     */
    public void open(String channelId, String lastEventId, SseEventSink sink, Sse events,
                     Supplier<Response> connection) {
        this.sse = events;
        long position = position(lastEventId);
        while (true) {
            ChannelFeed feed = feeds.computeIfAbsent(channelId,
                    id -> new ChannelFeed(CAPACITY, sequence.incrementAndGet(), System.nanoTime()));
            Subscriber subscriber = new Subscriber(this, feed, sink);
            ChannelFeed.Start start = feed.subscribe(subscriber, position);
            if (start == null) {
                feeds.remove(channelId, feed);
                continue;
            }
            List<StreamEvent> opening = new ArrayList<>();
            opening.add(control("ready", start.position(), new StreamReady().resumed(start.resumed())));
            if (lastEventId != null && !start.resumed()) {
                opening.add(control("reset", start.position(),
                        new StreamReset().reason(StreamReset.ReasonEnum.UNKNOWN_POSITION)));
            }
            SinkOutput jersey = new SinkOutput(this, sink);
            try {
                jersey.send(opening);
            } catch (IOException | RuntimeException gone) {
                subscriber.close();
                return;
            }
            subscriber.start(start.position(), directWrites
                    ? new ConnectionOutput(this, sink, connection.get(), subscriber::wake) : jersey);
            return;
        }
    }

    /** Ends every open stream; their clients reconnect and resume. For shutdown and for tests of reconnection. */
    public void closeStreams() {
        feeds.values().forEach(feed -> feed.subscribers.forEach(Subscriber::close));
    }

    /** How many batches of events were written straight to their streams' connections (the fast path). */
    public long batchesWrittenDirectly() {
        return batchesWrittenDirectly.sum();
    }

    /** The number of open streams, all channels together. */
    public int openStreams() {
        return feeds.values().stream().mapToInt(feed -> feed.subscribers.size()).sum();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        closeStreams();
        writers.shutdownNow();
    }

    OutboundSseEvent outbound(StreamEvent event) {
        return event.built(sse, json, id(event.sequence()));
    }

    void countDirectBatch() {
        batchesWrittenDirectly.increment();
    }

    byte[] wire(StreamEvent event) {
        return event.wire(json, id(event.sequence()));
    }

    OutboundSseEvent keepAlive() {
        return sse.newEventBuilder().comment("keep-alive").build();
    }

    StreamEvent tooFarBehind(long position) {
        return control("reset", position, new StreamReset().reason(StreamReset.ReasonEnum.TOO_FAR_BEHIND));
    }

    boolean runOnWriter(Runnable task) {
        try {
            writers.execute(task);
            return true;
        } catch (RejectedExecutionException closing) {
            return false;
        }
    }

    void unsubscribe(ChannelFeed feed, Subscriber subscriber) {
        feed.unsubscribe(subscriber, System.nanoTime());
    }

    private static StreamEvent control(String name, long position, Object payload) {
        return new StreamEvent(position, name, () -> payload);
    }

    private void fanOut(ChannelFeed feed) {
        if (feed.fanOutScheduled.compareAndSet(false, true)) {
            runOnWriter(() -> {
                feed.fanOutScheduled.set(false);
                // a direct write never blocks: this thread writes to every stream, without a hand-off per stream
                feed.subscribers.forEach(directWrites ? Subscriber::drainHere : Subscriber::wake);
            });
        }
    }

    private void sendKeepAlives() {
        long stalledBefore = System.nanoTime() - KEEP_ALIVE.toNanos();
        feeds.values().forEach(feed -> feed.subscribers.forEach(subscriber -> subscriber.heartbeat(stalledBefore)));
    }

    private void retireIdleFeeds() {
        long idleBefore = System.nanoTime() - KEEP_AFTER_LAST.toNanos();
        feeds.forEach((channelId, feed) -> {
            if (feed.retireIfIdleSince(idleBefore)) {
                feeds.remove(channelId, feed);
            }
        });
    }

    private String id(long position) {
        return instance + "-" + position;
    }

    /** The sequence number in an id this instance gave; -1 for none, another instance's or a malformed one. */
    private long position(String lastEventId) {
        if (lastEventId == null) {
            return -1;
        }
        String prefix = instance + "-";
        String id = lastEventId.trim().toLowerCase(Locale.ROOT);
        if (!id.startsWith(prefix)) {
            return -1;
        }
        try {
            return Long.parseLong(id.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
