package io.github.ccmessaging.junit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.ccmessaging.client.MessagingClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The server's request log stays out of the test's output unless the test asks for it. */
class RequestLogTest {
    private final Logger requests = (Logger) LoggerFactory.getLogger("io.github.ccmessaging.server.requests");
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void listen() {
        logged.start();
        requests.addAppender(logged);
        requests.setAdditive(false); // captured here, not printed
    }

    @AfterEach
    void stopListening() {
        requests.detachAppender(logged);
        requests.setAdditive(true);
    }

    @Test
    void isOffByDefault() {
        FixtureRuns.run(QuietFixture.class).testEvents().assertStatistics(s -> s.succeeded(1));

        assertThat(logged.list).isEmpty();
    }

    @Test
    void logsEachRequestWhenAsked() {
        FixtureRuns.run(LoggingFixture.class).testEvents().assertStatistics(s -> s.succeeded(1));

        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line).startsWith("POST /api/v1.0/consumer/conversation/create 200"));
    }

    @MessagingEmulatorTest
    static class QuietFixture {
        @Test
        void createsAConversation(MessagingClient client) {
            client.createConversation();
        }
    }

    @MessagingEmulatorTest(requestLog = true)
    static class LoggingFixture extends QuietFixture {
    }
}
