package io.github.ccmessaging.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

/** The hand-written line is the one the equivalent Logback pattern gives. */
class LineEncoderTest {

    @Test
    void writesWhatThePatternWrites() {
        LoggerContext context = new LoggerContext();
        PatternLayout pattern = new PatternLayout();
        pattern.setContext(context);
        pattern.setPattern(DefaultLogging.PATTERN);
        pattern.start();
        LineEncoder encoder = new LineEncoder();
        encoder.setContext(context);
        encoder.start();
        ch.qos.logback.classic.Logger logger = context.getLogger("io.github.ccmessaging.server.requests");
        for (long time : new long[] {0L, 1_764_180_000_007L, 1_764_183_599_999L, System.currentTimeMillis()}) {
            LoggingEvent event = new LoggingEvent("x", logger, Level.INFO, "POST /{} {} {}ms correlation-id={}", null,
                    new Object[] {"api/v1.0/consumer/conversation/create", 200, 3, "abc"});
            event.setTimeStamp(time);
            assertThat(encoder.line(event)).isEqualTo(pattern.doLayout(event));
        }
        LoggingEvent failure = new LoggingEvent("x", logger, Level.ERROR, "Unexpected failure",
                new IllegalStateException("boom"), null);
        assertThat(encoder.line(failure)).isEqualTo(pattern.doLayout(failure))
                .contains("java.lang.IllegalStateException: boom");
    }
}
