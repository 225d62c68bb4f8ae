package io.github.ccmessaging.server.store.jdbc;

import io.github.ccmessaging.server.store.MessageIdClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.sqlite.SQLiteConfig;

/** Embedded stores whose database fails on purpose, for the server's store failure tests. */
public final class FaultyStores {
    private FaultyStores() {
    }

    /** An embedded store whose writes fail as the database would while {@code faults} says so. */
    public static JdbcConversationStore embeddedWithFaults(Path dataDir, Clock clock, StoreFaults faults) {
        return new JdbcConversationStore(new FaultyTransactions(
                DurableStores.embeddedTransactions(dataDir, DurableStores.DEFAULT_TIMEOUT), faults), Dialect.SQLITE,
                new MessageIdClock(clock));
    }

    /**
     * An embedded store whose writer connection is opened read-only while {@code readOnly} says so, as SQLite opens a
     * database it cannot write: its writes fail with SQLITE_READONLY until the store opens a connection again.
     */
    public static JdbcConversationStore embeddedWithWriterReadOnlyWhile(Path dataDir, Clock clock,
                                                                      BooleanSupplier readOnly) {
        Duration timeout = DurableStores.DEFAULT_TIMEOUT;
        return new JdbcConversationStore(DurableStores.embeddedTransactions(dataDir, timeout, () -> {
            SQLiteConfig config = DurableStores.sqliteConfig(timeout);
            config.setReadOnly(readOnly.getAsBoolean());
            return config;
        }), Dialect.SQLITE, new MessageIdClock(clock));
    }
}
