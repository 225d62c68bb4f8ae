package io.github.ccmessaging.server.stream;

import jakarta.ws.rs.sse.OutboundSseEvent;
import java.io.IOException;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One open stream: sends, on a writer thread and one batch at a time, what its feed holds after the last event it sent.
 * A stream that falls so far behind that its next event left the ring is told to reload ({@code reset}) and closed.
 */
final class Subscriber {
    private final EventStreams streams;
    private final ChannelFeed feed;
    private final SseEventSink sink;
    private final Queue<OutboundSseEvent> first = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean heartbeatDue;
    private volatile boolean closed;
    /** False until {@link #start}: the feed may wake a stream it has just added before the stream knows its position. */
    private volatile boolean started;
    private long position;

    Subscriber(EventStreams streams, ChannelFeed feed, SseEventSink sink) {
        this.streams = streams;
        this.feed = feed;
        this.sink = sink;
    }

    /** Starts after {@code start}, sending {@code opening} (ready, perhaps reset) before anything else. */
    void start(ChannelFeed.Start start, List<OutboundSseEvent> opening) {
        position = start.position();
        first.addAll(opening);
        started = true;
        wake();
    }

    /** Schedules a send of what is new, unless one is scheduled already. */
    void wake() {
        if (started && !closed && scheduled.compareAndSet(false, true)) {
            if (!streams.runOnWriter(this::drain)) {
                close();
            }
        }
    }

    void heartbeat() {
        heartbeatDue = true;
        wake();
    }

    private void drain() {
        try {
            sendOpening();
            if (heartbeatDue) {
                heartbeatDue = false;
                send(streams.keepAlive());
            }
            List<StreamEvent> events;
            while (!closed && !(events = pending()).isEmpty()) {
                for (StreamEvent event : events) {
                    send(streams.outbound(event));
                    position = event.sequence();
                }
            }
        } catch (RuntimeException e) {
            close();
        } finally {
            scheduled.set(false);
        }
        if (!closed && (feed.lastSequence() > position || !first.isEmpty() || heartbeatDue)) {
            wake();
        }
    }

    private void sendOpening() {
        OutboundSseEvent event;
        while ((event = first.poll()) != null) {
            send(event);
        }
    }

    /** The events after this stream's position; when some left the ring, a reset is sent and the stream closed. */
    private List<StreamEvent> pending() {
        List<StreamEvent> events = feed.after(position);
        if (events == null) {
            send(streams.tooFarBehind(position));
            close();
            return List.of();
        }
        return events;
    }

    private void send(OutboundSseEvent event) {
        if (closed) {
            return;
        }
        if (sink.isClosed() || sink.send(event).toCompletableFuture().isCompletedExceptionally()) {
            close();
        }
    }

    /** Ends the stream; the client may reconnect and resume. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        streams.unsubscribe(feed, this);
        try {
            sink.close();
        } catch (IOException | RuntimeException alreadyGone) {
            // the client went away first
        }
    }
}
