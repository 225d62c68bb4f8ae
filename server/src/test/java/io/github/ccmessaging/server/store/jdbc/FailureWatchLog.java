package io.github.ccmessaging.server.store.jdbc;

import ch.qos.logback.classic.Level;
import io.github.ccmessaging.server.LogCapture;
import java.util.List;

/** What the stores' failure watch logs while a test provokes store failures (kept off the console meanwhile). */
public final class FailureWatchLog implements AutoCloseable {
    private final LogCapture capture = LogCapture.of(FailureWatch.class);

    private FailureWatchLog() {
    }

    public static FailureWatchLog capture() {
        return new FailureWatchLog();
    }

    public List<String> warnings() {
        return capture.at(Level.WARN);
    }

    public List<String> errors() {
        return capture.at(Level.ERROR);
    }

    @Override
    public void close() {
        capture.close();
    }
}
