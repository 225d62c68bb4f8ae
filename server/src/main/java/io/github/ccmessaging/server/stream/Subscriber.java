package io.github.ccmessaging.server.stream;

import jakarta.ws.rs.sse.SseEventSink;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One open stream: sends, one batch at a time, what its feed holds after the last event it sent. A stream that falls
 * so far behind that its next event left the ring is told to reload ({@code reset}) and closed; so is one whose client
 * has not read for a {@link EventStreams#KEEP_ALIVE} period while events waited for it.
 */
final class Subscriber {
    private final EventStreams streams;
    private final ChannelFeed feed;
    private final SseEventSink sink;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile EventOutput output;
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

    /** Starts sending, through {@code output}, what follows {@code position}. */
    void start(long position, EventOutput output) {
        this.position = position;
        this.output = output;
        started = true;
        if (closed) {
            output.close();
            return;
        }
        wake();
    }

    /** Schedules a send of what is new on a writer thread, unless one is scheduled already. */
    void wake() {
        if (started && !closed && scheduled.compareAndSet(false, true)) {
            if (!streams.runOnWriter(this::drain)) {
                close();
            }
        }
    }

    /** Sends what is new on this thread, unless a send is scheduled already: for outputs that never block. */
    void drainHere() {
        if (started && !closed && scheduled.compareAndSet(false, true)) {
            drain();
        }
    }

    /** Time for a keep-alive line; a stream whose client has not read since {@code stalledBefore} is closed instead. */
    void heartbeat(long stalledBefore) {
        EventOutput out = output;
        if (out != null && out.stalledSince(stalledBefore)) {
            close();
            return;
        }
        heartbeatDue = true;
        wake();
    }

    private void drain() {
        EventOutput out = output;
        try {
            if (heartbeatDue && out.sendKeepAlive()) {
                heartbeatDue = false;
            }
            List<StreamEvent> events;
            while (!closed && !out.refusing() && !(events = pending(out)).isEmpty()) {
                int sent = out.send(events);
                if (sent > 0) {
                    position = events.get(sent - 1).sequence();
                }
                if (sent < events.size()) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            close();
        } finally {
            scheduled.set(false);
        }
        // a refusing output wakes this stream when its connection takes more
        if (!closed && !out.refusing() && (feed.lastSequence() > position || heartbeatDue)) {
            wake();
        }
    }

    /** The events after this stream's position; when some left the ring, a reset is sent and the stream closed. */
    private List<StreamEvent> pending(EventOutput out) throws IOException {
        List<StreamEvent> events = feed.after(position);
        if (events == null) {
            try {
                out.send(List.of(streams.tooFarBehind(position)));
            } finally {
                close();
            }
            return List.of();
        }
        return events;
    }

    /** Ends the stream; the client may reconnect and resume. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        streams.unsubscribe(feed, this);
        EventOutput out = output;
        if (out != null) {
            out.close();
        } else {
            SinkOutput.closeSink(sink); // not started: start() closes its output when it comes
        }
    }
}
