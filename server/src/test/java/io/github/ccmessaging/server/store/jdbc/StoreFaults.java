package io.github.ccmessaging.server.store.jdbc;

import io.github.ccmessaging.server.store.TestStores;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Failures a test switches on and off in a store made by {@link TestStores#embeddedWithFaults}: while one is on, every
 * write of the store (also the health check's) fails as the database would fail it, with the database's own exception,
 * so the store tells the kind of failure as it would in production.
 */
public final class StoreFaults {
    /** What the database does. */
    public enum Fault {
        /** SQLITE_READONLY: the file or its file system became read-only (needs an operator). */
        READ_ONLY(() -> new UnableToExecuteStatementException("injected", new SQLiteException(
                "[SQLITE_READONLY] attempt to write a readonly database", SQLiteErrorCode.SQLITE_READONLY), null)),
        /** No connection within the store timeout: the database is down (passes by itself). */
        UNREACHABLE(() -> new ConnectionException(
                new SQLTransientConnectionException("injected: connection is not available, request timed out")));

        private final Supplier<RuntimeException> failure;

        Fault(Supplier<RuntimeException> failure) {
            this.failure = failure;
        }
    }

    private final AtomicReference<Fault> writes = new AtomicReference<>();

    /** From now on every write fails with {@code fault}. */
    public void failWrites(Fault fault) {
        writes.set(fault);
    }

    /** From now on writes succeed. */
    public void heal() {
        writes.set(null);
    }

    void beforeWrite() {
        Fault fault = writes.get();
        if (fault != null) {
            throw fault.failure.get();
        }
    }
}
