package io.github.ccmessaging.server.store;

/** How a store keeps the caller of a write waiting for its commit, which decides how many request threads serve. */
public enum CommitWait {
    /** Nothing to wait for: the store is memory. */
    NONE,
    /**
     * Creates and sends complete when their commit does, on the store's own threads: the request thread that asked is
     * free meanwhile (the embedded store). Other writes still wait on the calling thread.
     */
    ASYNC,
    /** Every write holds the calling thread until it has committed (PostgreSQL). */
    BLOCKING
}
