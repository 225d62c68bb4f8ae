package io.github.ccmessaging.server.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps framework lines out of every server's output, the jar's and that of a server started in a test: Grizzly's
 * INFO lines at each listener's start and stop (the jar prints its own banner) and Hibernate Validator's version
 * line. They come through {@code java.util.logging}; a filter on each
 * of these loggers drops just those records, whoever handles the rest.
 */
public final class FrameworkLogs {
    /** Held here: java.util.logging keeps loggers only weakly, and a collected logger would lose its filter. */
    private static final List<Logger> QUIETED = new ArrayList<>();

    private FrameworkLogs() {
    }

    /** Installs the filters, once per JVM. */
    public static synchronized void quiet() {
        if (!QUIETED.isEmpty()) {
            return;
        }
        QUIETED.add(quiet("org.glassfish.grizzly.http.server.NetworkListener", FrameworkLogs::belowWarning));
        QUIETED.add(quiet("org.glassfish.grizzly.http.server.HttpServer", FrameworkLogs::belowWarning));
        // its version line, where no SLF4J binding takes Hibernate Validator's logging (DefaultLogging does otherwise)
        QUIETED.add(quiet("org.hibernate.validator.internal.util.Version", FrameworkLogs::belowWarning));
    }

    private static boolean belowWarning(LogRecord record) {
        return record.getLevel().intValue() < Level.WARNING.intValue();
    }

    private static Logger quiet(String name, Predicate<LogRecord> dropped) {
        Logger logger = Logger.getLogger(name);
        Filter previous = logger.getFilter();
        logger.setFilter(r -> !dropped.test(r) && (previous == null || previous.isLoggable(r)));
        return logger;
    }
}
