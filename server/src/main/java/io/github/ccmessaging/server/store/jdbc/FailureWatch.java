package io.github.ccmessaging.server.store.jdbc;

import io.github.ccmessaging.server.store.StoreFailure;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers how the store's most recent write went, for readiness, and tells the operator about the store's failures
 * in the log: one that needs an operator once, loudly, with what to do; one that passes by itself once when it starts
 * and then as a count every {@link #REPORT_EVERY}; and, once, that the store works again. A failure never logs a stack
 * trace above DEBUG: the answers' correlation ids and these lines say what happened.
 */
final class FailureWatch {
    /** How long a failed write keeps the store not ready when no write succeeded since. */
    static final Duration FAILED_WRITE_MEMORY = Duration.ofSeconds(2);
    static final Duration REPORT_EVERY = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(FailureWatch.class);

    private final LongSupplier nanoTime;
    private volatile StoreFailure lastWriteFailure;
    private volatile long lastWriteFailureNanos;
    /** Whether the store is in a failure episode: read without a lock on every success. */
    private volatile boolean failing;
    private long failingSinceNanos;
    private long failures;
    private long failuresSinceReport;
    private long lastReportNanos;
    private String announcedCondition;

    FailureWatch() {
        this(System::nanoTime);
    }

    /** {@code nanoTime}: the clock of the memory and the reports, {@link System#nanoTime()} but in tests. */
    FailureWatch(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    void writeSucceeded() {
        if (lastWriteFailure != null) {
            lastWriteFailure = null;
        }
        if (failing) {
            recovered();
        }
    }

    void writeFailed(StoreFailure failure) {
        lastWriteFailureNanos = nanoTime.getAsLong();
        lastWriteFailure = failure;
        failed(failure);
    }

    void readFailed(StoreFailure failure) {
        failed(failure);
    }

    /** A health probe wrote: the store works, but the failure of a request's write is still remembered. */
    void probeSucceeded() {
        if (failing) {
            recovered();
        }
    }

    void probeFailed(StoreFailure failure) {
        failed(failure);
    }

    /**
     * @throws StoreFailure the most recent write's failure, when it is younger than {@link #FAILED_WRITE_MEMORY} and no
     *         write succeeded since
     */
    void throwIfWritesFail() {
        StoreFailure failure = lastWriteFailure;
        if (failure != null && nanoTime.getAsLong() - lastWriteFailureNanos < FAILED_WRITE_MEMORY.toNanos()) {
            throw failure;
        }
    }

    private synchronized void failed(StoreFailure failure) {
        long now = nanoTime.getAsLong();
        if (!failing) {
            failing = true;
            failingSinceNanos = now;
            failures = 0;
            failuresSinceReport = 0;
            lastReportNanos = now;
            announcedCondition = null;
        }
        failures++;
        failuresSinceReport++;
        LOG.debug("Store failure", failure);
        if (failure.isPermanent() && !failure.condition().equals(announcedCondition)) {
            announcedCondition = failure.condition();
            LOG.error("THE STORE CANNOT WORK: {}. Until an operator acts, every write is answered 500 without "
                            + "Retry-After and /health reports the store DOWN. What to do: {}. The server notices by "
                            + "itself when the store works again; no restart is needed. ({})", failure.condition(),
                    FailureCauses.advice(failure.condition()), causeOf(failure));
            reported(now);
        } else if (failures == 1) {
            LOG.warn("The store fails: {}; requests get 503 with Retry-After and /health reports the store DOWN "
                    + "until it answers again ({})", failure.condition(), causeOf(failure));
            reported(now);
        } else if (now - lastReportNanos >= REPORT_EVERY.toNanos()) {
            LOG.warn("The store still fails: {}; {} store calls failed in the last {} s", failure.condition(),
                    failuresSinceReport, Duration.ofNanos(now - lastReportNanos).toSeconds());
            reported(now);
        }
    }

    private void reported(long now) {
        lastReportNanos = now;
        failuresSinceReport = 0;
    }

    private synchronized void recovered() {
        if (!failing) {
            return;
        }
        failing = false;
        LOG.warn("The store works again after {} ms; {} store calls failed meanwhile",
                Duration.ofNanos(nanoTime.getAsLong() - failingSinceNanos).toMillis(), failures);
    }

    /** The innermost cause's class and message: what the database said, without a stack trace. */
    private static String causeOf(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? failure.getMessage() : root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
