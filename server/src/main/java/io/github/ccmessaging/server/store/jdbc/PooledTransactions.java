package io.github.ccmessaging.server.store.jdbc;

import io.github.ccmessaging.server.store.StoreFailure;
import java.sql.SQLException;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/** Each write is its own transaction on a pooled connection; the database orders concurrent writers (PostgreSQL). */
final class PooledTransactions implements Transactions {
    private static final int ATTEMPTS = 5;

    private final Jdbi jdbi;
    private final AutoCloseable pool;

    PooledTransactions(Jdbi jdbi, AutoCloseable pool) {
        this.jdbi = jdbi;
        this.pool = pool;
    }

    @Override
    public <T> T write(HandleCallback<T, RuntimeException> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                // the pool's connections are READ COMMITTED already (DurableStores): asking Jdbi for the level would
                // cost two round trips per write (the driver asks the server for the current level each time)
                return jdbi.inTransaction(work::withHandle);
            } catch (JdbiException e) {
                // A deadlock or serialization failure rolled everything back: running it again is safe.
                if (attempt >= ATTEMPTS || !isTransient(e)) {
                    throw FailureCauses.failure("The database failed to store the change", e);
                }
            }
        }
    }

    @Override
    public <T> T read(HandleCallback<T, RuntimeException> work) {
        try {
            return jdbi.withHandle(work::withHandle);
        } catch (JdbiException e) {
            throw FailureCauses.failure("The database failed to answer", e);
        }
    }

    private static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().equals("40001") || sql.getSQLState().equals("40P01"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        try {
            pool.close();
        } catch (Exception e) {
            throw new IllegalStateException("Could not close the connection pool", e);
        }
    }
}
