package io.github.ccmessaging.server.store.jdbc;

import io.github.ccmessaging.server.store.StoreFailure;
import io.github.ccmessaging.server.store.MessageIdClock;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** Opens the database-backed stores, creating or migrating their schema first (Flyway, versioned migrations). */
public final class DurableStores {
    /** The embedded database's file name inside the data directory. */
    public static final String EMBEDDED_FILE = "messaging.db";
    private static final int SQLITE_READERS = 4;
    private static final int POSTGRES_CONNECTIONS = 16;
    /** How long a read or write may wait for the database before it fails as a transient {@link StoreFailure}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    /** The shortest store timeout: the connection pool's own minimum. */
    public static final Duration MIN_TIMEOUT = Duration.ofMillis(250);

    private DurableStores() {
    }

    /**
     * The embedded store: SQLite in {@code dataDir/messaging.db}, in WAL mode with {@code synchronous=FULL}, so an
     * acknowledged write is on disk and survives a crash of the process or of the machine.
     */
    public static JdbcConversationStore embedded(Path dataDir, MessageIdClock messageIds) {
        return embedded(dataDir, messageIds, DEFAULT_TIMEOUT);
    }

    /**
     * The embedded store whose reads and writes fail as transient {@link StoreFailure}s when they cannot start within
     * {@code timeout}: no free reader, a stuck writer, the database locked by another process.
     */
    public static JdbcConversationStore embedded(Path dataDir, MessageIdClock messageIds, Duration timeout) {
        return new JdbcConversationStore(embeddedTransactions(dataDir, timeout), Dialect.SQLITE, messageIds);
    }

    static GroupCommitTransactions embeddedTransactions(Path dataDir, Duration timeout) {
        return embeddedTransactions(dataDir, timeout, () -> sqliteConfig(timeout));
    }

    /**
     * {@code writerConfig}: how each writer connection is opened (a test opens a read-only one). The data directory is
     * held ({@link DataDirectory}) until the transactions are closed.
     */
    static GroupCommitTransactions embeddedTransactions(Path dataDir, Duration timeout,
                                                        Supplier<SQLiteConfig> writerConfig) {
        checkTimeout(timeout);
        DataDirectory held = DataDirectory.hold(dataDir);
        try {
            String url = "jdbc:sqlite:" + dataDir.resolve(EMBEDDED_FILE).toAbsolutePath();
            SQLiteDataSource sqlite = new SQLiteDataSource(sqliteConfig(timeout));
            sqlite.setUrl(url);
            migrate(sqlite, Dialect.SQLITE, null);
            HikariConfig readers = new HikariConfig();
            readers.setDataSource(sqlite);
            readers.setMaximumPoolSize(SQLITE_READERS);
            readers.setPoolName("sqlite-readers");
            readers.setConnectionTimeout(timeout.toMillis());
            readers.setValidationTimeout(validationTimeout(timeout).toMillis());
            HikariDataSource pool = new HikariDataSource(readers);
            AutoCloseable resources = () -> {
                try (held) {
                    pool.close();
                }
            };
            return new GroupCommitTransactions(Jdbi.create(pool), resources, () -> {
                SQLiteDataSource writers = new SQLiteDataSource(writerConfig.get());
                writers.setUrl(url);
                Handle writer = Jdbi.create(writers).open();
                writer.setStatementBuilder(new CachedStatements());
                return writer;
            }, timeout);
        } catch (RuntimeException e) {
            held.close();
            throw e;
        }
    }

    /** A lock held by another process fails the writer's batch after {@code timeout}, not after SQLite's default. */
    static SQLiteConfig sqliteConfig(Duration timeout) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout((int) timeout.toMillis());
        return config;
    }

    /** The PostgreSQL store: any number of server instances may share it. */
    public static JdbcConversationStore postgres(DatabaseSettings settings, MessageIdClock messageIds) {
        return postgres(settings, messageIds, DEFAULT_TIMEOUT);
    }

    /**
     * The PostgreSQL store whose reads and writes fail as transient {@link StoreFailure}s when they get no connection
     * within {@code timeout}: the database is down or unreachable, or every connection is busy.
     */
    public static JdbcConversationStore postgres(DatabaseSettings settings, MessageIdClock messageIds,
                                                 Duration timeout) {
        checkTimeout(timeout);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(POSTGRES_CONNECTIONS);
        config.setPoolName("postgresql");
        // set once per connection, so a write need not set (and first ask for) its level each time
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setInitializationFailTimeout(10_000);
        config.setConnectionTimeout(timeout.toMillis());
        config.setValidationTimeout(validationTimeout(timeout).toMillis());
        // the driver's own connect and login timeouts (whole seconds), so a new connection is not tried for 10 s
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        config.addDataSourceProperty("connectTimeout", seconds);
        config.addDataSourceProperty("loginTimeout", seconds);
        if (settings.schema() != null) {
            config.setSchema(settings.schema());
        }
        HikariDataSource pool = new HikariDataSource(config);
        try {
            migrate(pool, Dialect.POSTGRESQL, settings.schema());
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new JdbcConversationStore(new PooledTransactions(Jdbi.create(pool), pool), Dialect.POSTGRESQL,
                messageIds);
    }

    private static void checkTimeout(Duration timeout) {
        if (timeout.compareTo(MIN_TIMEOUT) < 0) {
            throw new IllegalArgumentException("The store timeout must be at least " + MIN_TIMEOUT.toMillis() + " ms.");
        }
    }

    /** A borrowed connection is checked within this time: at most the timeout, and at most a second. */
    private static Duration validationTimeout(Duration timeout) {
        return timeout.compareTo(Duration.ofSeconds(1)) < 0 ? timeout : Duration.ofSeconds(1);
    }

    private static void migrate(DataSource dataSource, Dialect dialect, String schema) {
        var flyway = Flyway.configure().dataSource(dataSource).locations(dialect.migrationLocation());
        if (schema != null) {
            flyway.schemas(schema).defaultSchema(schema).createSchemas(true);
        }
        flyway.load().migrate();
    }
}
