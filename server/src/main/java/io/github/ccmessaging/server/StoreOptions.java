package io.github.ccmessaging.server;

import io.github.ccmessaging.server.store.jdbc.DatabaseSettings;
import io.github.ccmessaging.server.store.jdbc.DurableStores;
import io.github.ccmessaging.server.store.StoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The flags of {@link Main} that choose where state is kept: embedded database (default), PostgreSQL or memory. */
final class StoreOptions {

    @Option(names = "--data-dir", defaultValue = "${env:MESSAGING_DATA_DIR:-data}",
            description = "Directory of the embedded database, created when missing (env MESSAGING_DATA_DIR; "
                    + "default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--in-memory", defaultValue = "${env:MESSAGING_IN_MEMORY:-false}",
            description = "Keep state in memory only: fast, and forgotten at exit (for test suites; env "
                    + "MESSAGING_IN_MEMORY=true).")
    boolean inMemory;

    @Option(names = "--database-url", defaultValue = "${env:MESSAGING_DATABASE_URL}",
            description = "Keep state in PostgreSQL instead, e.g. jdbc:postgresql://db:5432/messaging; several "
                    + "instances may share it (env MESSAGING_DATABASE_URL).")
    String databaseUrl;

    @Option(names = "--database-user", defaultValue = "${env:MESSAGING_DATABASE_USER}",
            description = "PostgreSQL user (env MESSAGING_DATABASE_USER).")
    String databaseUser;

    @Option(names = "--database-password", defaultValue = "${env:MESSAGING_DATABASE_PASSWORD}",
            description = "PostgreSQL password; prefer the env MESSAGING_DATABASE_PASSWORD, which ps does not show.")
    String databasePassword;

    @Option(names = "--store-timeout", defaultValue = "${env:MESSAGING_STORE_TIMEOUT:-2}",
            description = "Seconds a request may wait for the store (a database connection, the embedded store's "
                    + "writer) before it is answered 503 with Retry-After and nothing stored "
                    + "(env MESSAGING_STORE_TIMEOUT; default ${DEFAULT-VALUE}; at least 0.25).")
    double storeTimeoutSeconds;

    /** @throws IllegalArgumentException when the flags contradict each other */
    void check() {
        if (inMemory && databaseUrl != null) {
            throw new IllegalArgumentException("--in-memory and --database-url exclude each other.");
        }
        if (!(storeTimeoutSeconds * 1000 >= DurableStores.MIN_TIMEOUT.toMillis()) || storeTimeoutSeconds > 3600) {
            throw new IllegalArgumentException("--store-timeout must be between 0.25 and 3600 seconds.");
        }
        if (databaseUrl != null) {
            databaseSettings();
        }
    }

    private DatabaseSettings databaseSettings() {
        return new DatabaseSettings(databaseUrl, databaseUser, databasePassword, null);
    }

    /** The store these flags choose. */
    StoreSettings settings() {
        if (inMemory) {
            return StoreSettings.inMemory();
        }
        if (databaseUrl != null) {
            return StoreSettings.postgres(databaseSettings(), storeTimeout());
        }
        return StoreSettings.embedded(dataDir, storeTimeout());
    }

    /** How long a request may wait for the store. */
    Duration storeTimeout() {
        return Duration.ofMillis(Math.round(storeTimeoutSeconds * 1000));
    }
}
