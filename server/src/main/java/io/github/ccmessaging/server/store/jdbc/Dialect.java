package io.github.ccmessaging.server.store.jdbc;

import io.github.ccmessaging.server.store.Appended;
import org.jdbi.v3.core.Handle;

/** What differs between the databases: row locks and how concurrent creates are kept apart. */
enum Dialect {
    /** One writer at a time by design: nothing needs locking. */
    SQLITE("sqlite", "") {
        @Override
        void lockCreates(Handle handle, String channelId) {
        }
    },
    POSTGRESQL("postgresql", " FOR UPDATE") {
        // Two instances creating for the same customer or request id must not both start a conversation.
        @Override
        void lockCreates(Handle handle, String channelId) {
            handle.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(:key)) AS locked")
                    .bind("key", (long) channelId.hashCode()).mapTo(Integer.class).one();
        }
    };

    private final String migrations;
    private final String forUpdate;

    Dialect(String migrations, String forUpdate) {
        this.migrations = migrations;
        this.forUpdate = forUpdate;
    }

    String migrationLocation() {
        return "classpath:db/migration/" + migrations;
    }

    /** Appended to a SELECT whose rows the transaction goes on to change. */
    String forUpdate() {
        return forUpdate;
    }

    abstract void lockCreates(Handle handle, String channelId);
}
