package io.github.ccmessaging.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
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

    private DurableStores() {
    }

    /**
     * The embedded store: SQLite in {@code dataDir/messaging.db}, in WAL mode with {@code synchronous=FULL}, so an
     * acknowledged write is on disk and survives a crash of the process or of the machine.
     */
    public static JdbcConversationStore embedded(Path dataDir, MessageIdClock messageIds) {
        DataDirectory held = DataDirectory.hold(dataDir);
        try {
            String url = "jdbc:sqlite:" + dataDir.resolve(EMBEDDED_FILE).toAbsolutePath();
            SQLiteDataSource sqlite = new SQLiteDataSource(sqliteConfig());
            sqlite.setUrl(url);
            migrate(sqlite, Dialect.SQLITE, null);
            HikariConfig readers = new HikariConfig();
            readers.setDataSource(sqlite);
            readers.setMaximumPoolSize(SQLITE_READERS);
            readers.setPoolName("sqlite-readers");
            HikariDataSource pool = new HikariDataSource(readers);
            Handle writer = Jdbi.create(sqlite).open();
            writer.setStatementBuilder(new CachedStatements());
            // the directory stays held until the pool is closed
            AutoCloseable resources = () -> {
                try (held) {
                    pool.close();
                }
            };
            return new JdbcConversationStore(new GroupCommitTransactions(Jdbi.create(pool), resources, writer),
                    Dialect.SQLITE, messageIds);
        } catch (RuntimeException e) {
            held.close();
            throw e;
        }
    }

    private static SQLiteConfig sqliteConfig() {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        return config;
    }

    /** The PostgreSQL store: any number of server instances may share it. */
    public static JdbcConversationStore postgres(DatabaseSettings settings, MessageIdClock messageIds) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(POSTGRES_CONNECTIONS);
        config.setPoolName("postgresql");
        config.setInitializationFailTimeout(10_000);
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

    private static void migrate(DataSource dataSource, Dialect dialect, String schema) {
        var flyway = Flyway.configure().dataSource(dataSource).locations(dialect.migrationLocation());
        if (schema != null) {
            flyway.schemas(schema).defaultSchema(schema).createSchemas(true);
        }
        flyway.load().migrate();
    }
}
