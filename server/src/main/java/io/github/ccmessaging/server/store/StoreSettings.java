package io.github.ccmessaging.server.store;

import io.github.ccmessaging.server.store.jdbc.DataDirectory;
import io.github.ccmessaging.server.store.jdbc.DatabaseSettings;
import io.github.ccmessaging.server.store.jdbc.DurableStores;
import io.github.ccmessaging.server.store.memory.InMemoryConversationStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where a server keeps its state: in memory, in the embedded database of a data directory, in PostgreSQL, or in a store
 * the caller built (tests that inject failures). The server opens the store and closes it when it stops.
 */
public sealed interface StoreSettings {

    /** Memory only: fast, forgotten when the server stops. */
    static StoreSettings inMemory() {
        return new InMemory();
    }

    /** The embedded SQLite database {@code dataDir/messaging.db}, created when missing. */
    static StoreSettings embedded(Path dataDir) {
        return new Embedded(dataDir, DurableStores.DEFAULT_TIMEOUT);
    }

    /**
     * The embedded database, whose reads and writes are answered as failed (503) when they cannot start within
     * {@code timeout}.
     */
    static StoreSettings embedded(Path dataDir, Duration timeout) {
        return new Embedded(dataDir, timeout);
    }

    /** PostgreSQL; several servers on one database behave as one service. */
    static StoreSettings postgres(DatabaseSettings database) {
        return new Postgres(database, DurableStores.DEFAULT_TIMEOUT);
    }

    /** PostgreSQL, where a request gets 503 when no connection is had within {@code timeout}. */
    static StoreSettings postgres(DatabaseSettings database, Duration timeout) {
        return new Postgres(database, timeout);
    }

    /** A store that is already open; the server closes it when it stops. */
    static StoreSettings of(ConversationStore store) {
        return new Provided(store);
    }

    /**
     * Fails fast, before anything is opened, when the store certainly cannot be opened: the message names the problem
     * in one line.
     *
     * @throws StoreOpeningFailure when the store cannot be opened
     */
    default void check() {
    }

    /** Opens the store, migrating a database's schema first; may take a while. */
    ConversationStore open(MessageIdClock messageIds);

    /** How the opened store keeps a writer waiting, known before it is open (request threads are chosen from it). */
    CommitWait commitWait();

    /** Where state goes, in words, for the start-up banner. */
    String describe();

    /** @see #inMemory() */
    record InMemory() implements StoreSettings {
        @Override
        public ConversationStore open(MessageIdClock messageIds) {
            return new InMemoryConversationStore(messageIds);
        }

        @Override
        public CommitWait commitWait() {
            return CommitWait.NONE;
        }

        @Override
        public String describe() {
            return "memory (forgotten at exit)";
        }
    }

    /** @see #embedded(Path, Duration) */
    record Embedded(Path dataDir, Duration timeout) implements StoreSettings {
        public Embedded {
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(timeout, "timeout");
        }

        /** The directory is a directory, writable, and not held by another server. */
        @Override
        public void check() {
            DataDirectory.check(dataDir);
        }

        @Override
        public ConversationStore open(MessageIdClock messageIds) {
            return DurableStores.embedded(dataDir, messageIds, timeout);
        }

        @Override
        public CommitWait commitWait() {
            return CommitWait.ASYNC;
        }

        @Override
        public String describe() {
            return dataDir.resolve(DurableStores.EMBEDDED_FILE) + " (embedded SQLite)";
        }
    }

    /** @see #postgres(DatabaseSettings, Duration) */
    record Postgres(DatabaseSettings database, Duration timeout) implements StoreSettings {
        public Postgres {
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(timeout, "timeout");
        }

        @Override
        public ConversationStore open(MessageIdClock messageIds) {
            return DurableStores.postgres(database, messageIds, timeout);
        }

        @Override
        public CommitWait commitWait() {
            return CommitWait.BLOCKING;
        }

        @Override
        public String describe() {
            return database.url();
        }
    }

    /** @see #of(ConversationStore) */
    record Provided(ConversationStore store) implements StoreSettings {
        public Provided {
            Objects.requireNonNull(store, "store");
        }

        @Override
        public ConversationStore open(MessageIdClock messageIds) {
            return store;
        }

        @Override
        public CommitWait commitWait() {
            return store.commitWait();
        }

        @Override
        public String describe() {
            return store.getClass().getSimpleName();
        }
    }
}
