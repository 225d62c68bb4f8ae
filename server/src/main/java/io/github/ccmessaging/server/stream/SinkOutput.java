package io.github.ccmessaging.server.stream;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.IOException;
import java.util.List;

/**
 * A stream's events through Jersey's {@link SseEventSink}, one event at a time: the general path. A send blocks while
 * the client does not read, up to the connection's write timeout.
 */
final class SinkOutput implements EventOutput {
    private final EventStreams streams;
    private final SseEventSink sink;

    SinkOutput(EventStreams streams, SseEventSink sink) {
        this.streams = streams;
        this.sink = sink;
    }

    @Override
    public int send(List<StreamEvent> events) throws IOException {
        for (StreamEvent event : events) {
            send(streams.outbound(event));
        }
        return events.size();
    }

    @Override
    public boolean sendKeepAlive() throws IOException {
        send(streams.keepAlive());
        return true;
    }

    @Override
    public boolean stalledSince(long sinceNanos) {
        return false;
    }

    @Override
    public boolean refusing() {
        return false;
    }

    private void send(OutboundSseEvent event) throws IOException {
        if (sink.isClosed() || sink.send(event).toCompletableFuture().isCompletedExceptionally()) {
            throw new IOException("the stream's client went away");
        }
    }

    @Override
    public void close() {
        closeSink(sink);
    }

    static void closeSink(SseEventSink sink) {
        try {
            sink.close();
        } catch (IOException | RuntimeException alreadyGone) {
            // the client went away first
        }
    }
}
