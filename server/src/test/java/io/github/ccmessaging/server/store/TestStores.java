package io.github.ccmessaging.server.store;

import io.github.ccmessaging.server.store.jdbc.DatabaseSettings;
import io.github.ccmessaging.server.store.jdbc.DurableStores;
import io.github.ccmessaging.server.store.jdbc.JdbcConversationStore;
import io.github.ccmessaging.server.store.memory.InMemoryConversationStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;

/**
 * The stores the tests run against. PostgreSQL needs {@code -Dmessaging.test.postgres.url=jdbc:postgresql://...}
 * or the environment variable {@code MESSAGING_TEST_POSTGRES_URL} (with {@code .user}/{@code _USER} and
 * {@code .password}/{@code _PASSWORD}, default {@code messaging}; {@code .ci/run} sets them): without it PostgreSQL
 * tests are skipped,
 * with it every PostgreSQL store gets a schema of its own, dropped when the JVM exits. {@code -Dmessaging.test.store=
 * memory|embedded|postgresql} chooses the store of the black-box server tests ({@code TestServer}).
 */
public final class TestStores {
    public static final String STORE = System.getProperty("messaging.test.store", "memory").toLowerCase(Locale.ROOT);
    private static final String URL = setting("messaging.test.postgres.url", "MESSAGING_TEST_POSTGRES_URL", null);
    private static final String USER = setting("messaging.test.postgres.user", "MESSAGING_TEST_POSTGRES_USER", "messaging");
    private static final String PASSWORD =
            setting("messaging.test.postgres.password", "MESSAGING_TEST_POSTGRES_PASSWORD", "messaging");
    private static final List<String> SCHEMAS = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestStores::dropSchemas, "drop-test-schemas"));
    }

    private TestStores() {
    }

    public static InMemoryConversationStore memory(Clock clock) {
        return new InMemoryConversationStore(new MessageIdClock(clock));
    }

    public static JdbcConversationStore embedded(Path dataDir, Clock clock) {
        return DurableStores.embedded(dataDir, new MessageIdClock(clock));
    }

    /** An embedded store whose reads and writes give up after {@code timeout}. */
    public static JdbcConversationStore embedded(Path dataDir, Clock clock, Duration timeout) {
        return DurableStores.embedded(dataDir, new MessageIdClock(clock), timeout);
    }

    /** Whether PostgreSQL tests can run here. */
    public static boolean postgresConfigured() {
        return URL != null;
    }

    /** Settings of a new, empty schema; skips the calling test when no PostgreSQL is configured. */
    public static DatabaseSettings newPostgresSchema() {
        Assumptions.assumeTrue(URL != null, "no PostgreSQL: set MESSAGING_TEST_POSTGRES_URL (.ci/run does)");
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        SCHEMAS.add(schema);
        return new DatabaseSettings(URL, USER, PASSWORD, schema);
    }

    /** A store on a new, empty schema. */
    public static JdbcConversationStore postgres(Clock clock) {
        return postgres(newPostgresSchema(), clock);
    }

    /** A store on the given schema: two of them on one schema are two server instances on one database. */
    public static JdbcConversationStore postgres(DatabaseSettings schema, Clock clock) {
        return DurableStores.postgres(schema, new MessageIdClock(clock));
    }

    /** The store {@code -Dmessaging.test.store} names, empty and of its own (an embedded one in a new temp folder). */
    public static ConversationStore chosen(Clock clock) {
        return switch (STORE) {
            case "memory" -> memory(clock);
            case "embedded" -> embedded(newTempDirectory(), clock);
            case "postgresql" -> postgres(clock);
            default -> throw new IllegalArgumentException("messaging.test.store: memory, embedded or postgresql");
        };
    }

    /** Where the server of a black-box test keeps state: what {@code -Dmessaging.test.store} names, empty and its own. */
    public static StoreSettings chosenSettings() {
        return switch (STORE) {
            case "memory" -> StoreSettings.inMemory();
            case "embedded" -> StoreSettings.embedded(newTempDirectory());
            case "postgresql" -> StoreSettings.postgres(newPostgresSchema());
            default -> throw new IllegalArgumentException("messaging.test.store: memory, embedded or postgresql");
        };
    }

    private static Path newTempDirectory() {
        try {
            return Files.createTempDirectory("messaging-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void dropSchemas() {
        if (URL == null || SCHEMAS.isEmpty()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement()) {
            for (String schema : SCHEMAS) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        } catch (SQLException e) {
            System.err.println("Could not drop the test schemas: " + e.getMessage());
        }
    }

    /** A system property, else an environment variable, else the default; blank counts as unset. */
    private static String setting(String property, String environment, String fallback) {
        for (String value : new String[] {System.getProperty(property), System.getenv(environment)}) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return fallback;
    }
}
