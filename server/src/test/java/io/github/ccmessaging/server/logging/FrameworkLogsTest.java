package io.github.ccmessaging.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ccmessaging.server.TestServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FrameworkLogsTest {
    // held, so that they keep the test's handler (java.util.logging references loggers weakly)
    private final List<Logger> loggers = List.of(Logger.getLogger("org.glassfish.jersey.internal.inject.Providers"),
            Logger.getLogger("org.glassfish.grizzly.http.server.NetworkListener"),
            Logger.getLogger("org.glassfish.grizzly.http.server.HttpServer"),
            Logger.getLogger("org.hibernate.validator.internal.util.Version"));

    private final List<LogRecord> published = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            published.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        for (Logger logger : loggers) {
            logger.addHandler(capture);
            logger.setUseParentHandlers(false); // what gets through is captured, not printed
        }
    }

    @AfterEach
    void stopListening() {
        for (Logger logger : loggers) {
            logger.removeHandler(capture);
            logger.setUseParentHandlers(true);
        }
    }

    @Test
    void aServerStartAndStopLogNothingOfJerseysAndGrizzlysOwn() {
        try (TestServer server = new TestServer()) {
            assertThat(server.baseUri()).isNotNull();
        }

        assertThat(published).extracting(LogRecord::getMessage).isEmpty();
    }

    @Test
    void otherWarningsOfTheseLoggersStillGetThrough() {
        FrameworkLogs.quiet();

        loggers.get(0).warning("A provider com.example.Mine is misconfigured");
        loggers.get(1).warning("Cannot bind");
        loggers.get(2).log(Level.INFO, "[HttpServer] Started.");
        loggers.get(3).info("HV000001: Hibernate Validator 8.0.2.Final");
        loggers.get(3).warning("HV000002: a warning");

        assertThat(published).extracting(LogRecord::getMessage)
                .containsExactly("A provider com.example.Mine is misconfigured", "Cannot bind", "HV000002: a warning");
    }
}
