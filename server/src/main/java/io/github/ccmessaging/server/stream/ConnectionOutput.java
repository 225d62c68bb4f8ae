package io.github.ccmessaging.server.stream;

import jakarta.ws.rs.sse.SseEventSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.WriteHandler;
import org.glassfish.grizzly.http.io.NIOOutputStream;
import org.glassfish.grizzly.http.server.Response;

/**
 * A stream's events written straight to its connection, after Jersey has answered the request and sent the opening
 * events through the sink: each event's bytes are built once for every stream ({@link StreamEvent#wire}), and a batch
 * of events is one flush. Never blocks: once the connection's queue is full (the client stopped reading), it writes no
 * more and Grizzly tells it when the connection can take more; the queue is kept to
 * {@link EventStreams#WRITE_QUEUE_BYTES}.
 *
 * <p>Guarded by itself: Grizzly recycles the response once the sink is closed, so no write may follow or overlap
 * {@link #close}.
 */
final class ConnectionOutput implements EventOutput {
    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

    private final EventStreams streams;
    private final SseEventSink sink;
    private final NIOOutputStream connection;
    private final Connection<?> socket;
    private final int socketQueueBytes;
    private final Runnable whenWritable;
    private boolean closed;
    /** When the connection first refused more, or 0 while it takes everything; Grizzly's threads reset it. */
    private volatile long refusedSince;
    private volatile boolean broken;

    ConnectionOutput(EventStreams streams, SseEventSink sink, Response response, Runnable whenWritable) {
        this.streams = streams;
        this.sink = sink;
        this.connection = response.getNIOOutputStream();
        this.socket = response.getRequest().getContext().getConnection();
        this.socketQueueBytes = socket.getMaxAsyncWriteQueueSize();
        this.whenWritable = whenWritable;
        socket.setMaxAsyncWriteQueueSize(EventStreams.WRITE_QUEUE_BYTES);
    }

    @Override
    public synchronized int send(List<StreamEvent> events) throws IOException {
        int sent = 0;
        // Grizzly promises that one write after canWrite() does not block, not more
        while (sent < events.size() && writable()) {
            connection.write(streams.wire(events.get(sent++)));
        }
        if (sent > 0) {
            connection.flush(); // does not block either: the last write was a promised one
            streams.countDirectBatch();
        }
        return sent;
    }

    @Override
    public synchronized boolean sendKeepAlive() throws IOException {
        if (!writable()) {
            return false;
        }
        connection.write(KEEP_ALIVE);
        connection.flush();
        return true;
    }

    @Override
    public boolean stalledSince(long sinceNanos) {
        long since = refusedSince;
        return since != 0 && since - sinceNanos < 0;
    }

    @Override
    public boolean refusing() {
        return refusedSince != 0;
    }

    private boolean writable() throws IOException {
        if (closed || broken) {
            throw new IOException("the stream is closed");
        }
        if (connection.canWrite()) {
            refusedSince = 0;
            return true;
        }
        if (refusedSince == 0) {
            refusedSince = System.nanoTime();
            connection.notifyCanWrite(new WriteHandler() {
                @Override
                public void onWritePossible() {
                    writableAgain();
                }

                @Override
                public void onError(Throwable gone) {
                    broken = true; // the next send fails and closes the stream
                    writableAgain();
                }
            });
        }
        return false;
    }

    /** On a Grizzly thread, or on this one within {@code notifyCanWrite}: never takes this output's lock. */
    private void writableAgain() {
        refusedSince = 0;
        whenWritable.run();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            socket.setMaxAsyncWriteQueueSize(socketQueueBytes); // the connection may serve other requests after it
            SinkOutput.closeSink(sink);
        }
    }
}
