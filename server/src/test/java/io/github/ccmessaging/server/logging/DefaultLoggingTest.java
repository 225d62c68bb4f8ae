package io.github.ccmessaging.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class DefaultLoggingTest {

    @Test
    void isWhatLogbackUsesWithoutAConfigurationFile() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        assertThat(root.getAppender("STDERR")).isInstanceOf(BatchingConsoleAppender.class);
        assertThat(context.getLogger("io.github.ccmessaging.server.requests").isInfoEnabled()).isTrue();
    }

    @Test
    void leavesOutHibernateValidatorsVersionLineButNotItsWarnings() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger version = context.getLogger("org.hibernate.validator.internal.util.Version");
        assertThat(version.isInfoEnabled()).isFalse();
        assertThat(version.isWarnEnabled()).isTrue();
    }

    @Test
    void leavesTheConfigurationToLogbackWhenTheUserGivesAFile() {
        String before = System.getProperty("logback.configurationFile");
        System.setProperty("logback.configurationFile", "mine.xml");
        try {
            LoggerContext context = new LoggerContext();
            DefaultLogging logging = new DefaultLogging();
            logging.setContext(context);
            assertThat(logging.configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
            assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isNull();
        } finally {
            if (before == null) {
                System.clearProperty("logback.configurationFile");
            } else {
                System.setProperty("logback.configurationFile", before);
            }
        }
    }
}
