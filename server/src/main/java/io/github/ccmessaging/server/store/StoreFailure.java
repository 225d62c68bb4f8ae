package io.github.ccmessaging.server.store;

import java.util.Objects;

/**
 * The store could not do what was asked: its database failed or is unreachable. Nothing was changed.
 *
 * <p>A {@link Kind#TRANSIENT} failure passes by itself (a database that is down or unreachable, a writer that did not
 * get to the write in time): the caller may retry. A {@link Kind#PERMANENT} one does not pass before an operator acts
 * (the database is read-only, its disk is full, it is damaged); {@link #condition()} says which, in words.
 */
public final class StoreFailure extends RuntimeException {

    /** Whether a failure passes by itself. */
    public enum Kind {
        /** Passes by itself: retrying later may succeed. */
        TRANSIENT,
        /** Needs an operator: retrying cannot succeed before one acts. */
        PERMANENT
    }

    private final Kind kind;
    private final String condition;

    /** A transient failure. */
    public StoreFailure(String message, Throwable cause) {
        this(message, cause, Kind.TRANSIENT, "the store did not answer");
    }

    /**
     * @param condition what is wrong with the store, in words for an operator, e.g. "the database is read-only"
     */
    public StoreFailure(String message, Throwable cause, Kind kind, String condition) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.condition = Objects.requireNonNull(condition, "condition");
    }


    public Kind kind() {
        return kind;
    }

    public boolean isPermanent() {
        return kind == Kind.PERMANENT;
    }

    /** What is wrong with the store, in words for an operator (no paths, no secrets). */
    public String condition() {
        return condition;
    }
}
