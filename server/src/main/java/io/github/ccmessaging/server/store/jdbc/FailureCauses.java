package io.github.ccmessaging.server.store.jdbc;

import io.github.ccmessaging.server.store.StoreFailure;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.Optional;
import org.sqlite.SQLiteException;

/**
 * Reads the database's own codes to tell a failure that needs an operator from one that passes by itself: SQLite's
 * result codes and PostgreSQL's SQLSTATEs. Anything not known to need an operator counts as passing by itself.
 */
final class FailureCauses {
    /** SQLite primary result codes (the low byte of an extended code) that no retry gets past. */
    private static final Map<Integer, String> SQLITE = Map.of(
            8, "the database is read-only",
            10, "the disk failed to read or write the database",
            11, "the database file is damaged",
            13, "the disk is full",
            14, "the database file cannot be opened",
            26, "the database file is damaged");
    /** PostgreSQL SQLSTATEs that no retry gets past. */
    private static final Map<String, String> POSTGRESQL = Map.of(
            "25006", "the database is read-only",
            "53100", "the database's disk is full",
            "58030", "the database's disk failed to read or write",
            "XX001", "the database is damaged",
            "XX002", "the database is damaged",
            "3D000", "the database does not exist",
            "28000", "the database refuses this server's login",
            "28P01", "the database refuses this server's login");

    /** What an operator should do about each condition above. */
    private static final Map<String, String> ADVICE = Map.of(
            "the database is read-only", "make the data directory and its database files writable again (is the file "
                    + "system mounted read-only? for PostgreSQL: is this a standby?)",
            "the disk failed to read or write the database", "check the disk and its file system (the kernel log says "
                    + "more)",
            "the database file is damaged", "stop the server and restore the database from a backup, or move it away "
                    + "to start with an empty one",
            "the disk is full", "free space on the disk that holds the data directory",
            "the database file cannot be opened", "check that the data directory exists and is writable",
            "the database's disk is full", "free space on the database server's disk",
            "the database's disk failed to read or write", "check the database server's disk",
            "the database is damaged", "restore the database from a backup",
            "the database does not exist", "check --database-url",
            "the database refuses this server's login", "check --database-user and the password");

    private FailureCauses() {
    }

    /** What an operator should do about a condition {@link #permanentCondition} named. */
    static String advice(String condition) {
        return ADVICE.getOrDefault(condition, "look at the database and its disk");
    }

    /** What needs an operator in {@code failure} or its causes; empty when it may pass by itself. */
    static Optional<String> permanentCondition(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException sqlite && sqlite.getResultCode() != null) {
                String condition = SQLITE.get(sqlite.getResultCode().code & 0xFF);
                if (condition != null) {
                    return Optional.of(condition);
                }
            } else if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String condition = POSTGRESQL.get(sql.getSQLState());
                if (condition != null) {
                    return Optional.of(condition);
                }
            }
        }
        return Optional.empty();
    }

    /** A failure that passes by itself, in words for an operator. */
    static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return "no database connection within the store timeout";
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return "the database cannot be reached";
            }
        }
        return "the store did not answer";
    }

    /** The failure that {@code cause} of the database is, as the database's codes tell. */
    static StoreFailure failure(String message, Throwable cause) {
        return permanentCondition(cause)
                .map(condition -> new StoreFailure(message, cause, StoreFailure.Kind.PERMANENT, condition))
                .orElseGet(() -> new StoreFailure(message, cause, StoreFailure.Kind.TRANSIENT, describe(cause)));
    }
}
