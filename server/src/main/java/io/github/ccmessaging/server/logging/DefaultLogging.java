package io.github.ccmessaging.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.hook.DefaultShutdownHook;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * The server's logging unless the user brings a Logback configuration: human-readable lines on stderr,
 * {@code HH:mm:ss.SSS [thread] LEVEL logger - message} ({@link LineEncoder}), written in batches by
 * {@link BatchingConsoleAppender};
 * {@code INFO} and above; one line per request from the logger {@code io.github.ccmessaging.server.requests}.
 *
 * <p>Set up in code, found by Logback through {@code META-INF/services}, rather than from a {@code logback.xml}:
 * reading XML loads about 600 classes (Joran and the JDK's XML parser), a tenth of the start-up time. A
 * {@code -Dlogback.configurationFile=...}, or a {@code logback.xml} / {@code logback-test.xml} on the class path,
 * still takes over as Logback documents.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_LOW_PRIORITY)
public final class DefaultLogging extends ContextAwareBase implements Configurator {
    /** The equivalent Logback pattern, for a configuration file of one's own. */
    static final String PATTERN = "%d{HH:mm:ss.SSS} [%thread] %level %logger - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (userConfigured()) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        // java.util.logging (Jersey, Grizzly) is routed to SLF4J; propagate levels so that JUL drops what is off
        LevelChangePropagator julLevels = new LevelChangePropagator();
        julLevels.setContext(context);
        julLevels.setResetJUL(true);
        julLevels.start();
        context.addListener(julLevels);

        LineEncoder encoder = new LineEncoder();
        encoder.setContext(context);
        encoder.start();
        BatchingConsoleAppender<ILoggingEvent> stderr = new BatchingConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setEncoder(encoder);
        stderr.start();

        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stderr);
        // Hibernate Validator announces its version at INFO on every start
        context.getLogger("org.hibernate.validator.internal.util.Version").setLevel(Level.WARN);

        // stop the appender at exit so that queued lines are written
        DefaultShutdownHook hook = new DefaultShutdownHook();
        hook.setContext(context);
        Runtime.getRuntime().addShutdownHook(new Thread(hook, "logback-shutdown"));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static boolean userConfigured() {
        if (System.getProperty("logback.configurationFile") != null) {
            return true;
        }
        ClassLoader loader = DefaultLogging.class.getClassLoader();
        return loader != null && (loader.getResource("logback-test.xml") != null
                || loader.getResource("logback.xml") != null);
    }
}
