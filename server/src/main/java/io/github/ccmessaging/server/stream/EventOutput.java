package io.github.ccmessaging.server.stream;

import java.io.IOException;
import java.util.List;

/**
 * Where one stream's events go, in order: Jersey's event sink ({@link SinkOutput}), or the connection itself
 * ({@link ConnectionOutput}, the fast path).
 */
interface EventOutput {
    /**
     * Sends the first of {@code events} that the connection takes now, in order, and returns how many; when that is
     * fewer than all, the output wakes its stream once the connection takes more.
     *
     * @throws IOException when the stream is gone
     */
    int send(List<StreamEvent> events) throws IOException;

    /** Sends a comment line that keeps the connection open; false when the connection takes nothing now. */
    boolean sendKeepAlive() throws IOException;

    /** Whether the connection has refused more since before {@code sinceNanos} (its client stopped reading). */
    boolean stalledSince(long sinceNanos);

    /** Whether the connection refuses more now and the output waits to be told it can write again. */
    boolean refusing();

    /** Ends the stream; nothing is written after it. */
    void close();
}
