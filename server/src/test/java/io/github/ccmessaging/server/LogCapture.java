package io.github.ccmessaging.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Records what one logger writes while it is open, and keeps it off the console meanwhile (the build's output stays
 * readable while a test provokes failures on purpose).
 */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final boolean additive;

    private LogCapture(String name) {
        logger = (Logger) LoggerFactory.getLogger(name);
        additive = logger.isAdditive();
        events.start();
        logger.addAppender(events);
        logger.setAdditive(false);
    }

    /** Starts recording what {@code source}'s logger writes. */
    public static LogCapture of(Class<?> source) {
        return new LogCapture(source.getName());
    }

    /** Starts recording what the logger {@code name} and those below it write (e.g. a library's package). */
    public static LogCapture of(String name) {
        return new LogCapture(name);
    }

    /** The messages logged at {@code level}, formatted, in order. */
    public List<String> at(Level level) {
        synchronized (events.list) {
            return events.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage)
                    .toList();
        }
    }

    @Override
    public void close() {
        logger.detachAppender(events);
        logger.setAdditive(additive);
    }
}
