package io.github.ccmessaging.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatchingConsoleAppenderTest {
    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final LoggerContext context = new LoggerContext();

    @BeforeEach
    void captureStderr() {
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        context.stop();
        System.setErr(original);
    }

    private BatchingConsoleAppender<ILoggingEvent> appender(int queueSize, long flushMillis) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %logger - %msg%n");
        encoder.start();
        BatchingConsoleAppender<ILoggingEvent> appender = new BatchingConsoleAppender<>();
        appender.setContext(context);
        appender.setName("test");
        appender.setEncoder(encoder);
        appender.setQueueSize(queueSize);
        appender.setFlushMillis(flushMillis);
        appender.start();
        Logger logger = context.getLogger("t");
        logger.addAppender(appender);
        return appender;
    }

    private String output() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesLinesSoonAfterTheyAreLogged() throws InterruptedException {
        BatchingConsoleAppender<ILoggingEvent> appender = appender(100, 10);
        assertThat(appender.isStarted()).isTrue();
        context.getLogger("t").info("GET /{} {}", "health", 200);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!output().contains("INFO t - GET /health 200\n") && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        // other tests' servers may still log through the global configuration: look for this appender's line
        assertThat(output()).contains("INFO t - GET /health 200\n");
    }

    @Test
    void dropsAndCountsLinesBeyondTheQueueAndWritesTheRestWhenStopped() {
        BatchingConsoleAppender<ILoggingEvent> appender = appender(3, 60_000);
        for (int i = 1; i <= 5; i++) {
            context.getLogger("t").info("line {}", i);
        }
        appender.stop();
        // one batch, one write: the lines are together whatever else wrote to stderr meanwhile
        assertThat(output()).contains("[log-writer] 2 log lines dropped: more than 3 were waiting\n"
                + "INFO t - line 1\nINFO t - line 2\nINFO t - line 3\n");
    }

    @Test
    void doesNotStartWithoutAnEncoder() {
        BatchingConsoleAppender<ILoggingEvent> appender = new BatchingConsoleAppender<>();
        appender.setContext(context);
        appender.start();
        assertThat(appender.isStarted()).isFalse();
    }
}
