package io.github.ccmessaging.server.store.jdbc;

import io.github.ccmessaging.server.store.CommitWait;
import io.github.ccmessaging.server.store.StoreFailure;
import io.github.ccmessaging.server.threads.DaemonThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes through one connection on one thread, committing the writes that queued up meanwhile in one transaction
 * (group commit): SQLite allows one writer, and each commit waits for the disk, so one commit for many writes is what
 * keeps durable writes fast under load. When one write of a batch fails, the batch is rolled back and each of its
 * writes runs again in a transaction of its own, so a failing write leaves the others alone; {@code write} returns
 * only after its transaction has committed. Reads use pooled connections.
 *
 * <p>A write that waits in the queue longer than the store timeout — the writer is stuck, e.g. on a lock another
 * process holds — is taken out of the queue and fails as a transient {@link StoreFailure} without ever running, so its
 * caller is answered in time and nothing of it is stored.
 */
final class GroupCommitTransactions implements Transactions {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitTransactions.class);
    private static final int MAX_BATCH = 512;

    private final Jdbi readers;
    private final AutoCloseable pool;
    private final Supplier<Handle> openWriter;
    /** Used by the writer thread alone (and by {@link #close} after it ended). */
    private Handle writer;
    /** A write failed in a way that needs an operator: the next batch gets a new connection (see {@link #commit}). */
    private boolean reopenWriter;
    private final BlockingQueue<Write<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    /** Completes the writes of a committed batch, so answering them does not keep the writer from the next batch. */
    private final ThreadPoolExecutor answers;
    private final Duration timeout;
    private final ScheduledExecutorService deadlines;
    private volatile boolean closed;

    private static final class Write<T> {
        final HandleCallback<T, RuntimeException> work;
        /** Whether what depends on it runs on an answer thread; a caller waiting in {@code write} is only woken. */
        final boolean answered;
        final CompletableFuture<T> done = new CompletableFuture<>();
        /** {@link System#nanoTime()} after which the write is no longer started. */
        final long deadline;
        T result;
        RuntimeException failure;

        Write(HandleCallback<T, RuntimeException> work, boolean answered, long deadline) {
            this.work = work;
            this.answered = answered;
            this.deadline = deadline;
        }

        void run(Handle handle) {
            result = work.withHandle(handle);
        }

        void complete() {
            if (failure == null) {
                done.complete(result);
            } else {
                done.completeExceptionally(failure);
            }
        }
    }

    /** {@code timeout}: how long a write may wait for the writer before it fails. */
    GroupCommitTransactions(Jdbi readers, AutoCloseable pool, Supplier<Handle> openWriter, Duration timeout) {
        this(readers, pool, openWriter, timeout, (ThreadPoolExecutor) Executors.newFixedThreadPool(
                Runtime.getRuntime().availableProcessors(), new DaemonThreads("store-answers")));
    }

    /** {@code answers}: the pool on which asynchronous writes complete. */
    GroupCommitTransactions(Jdbi readers, AutoCloseable pool, Supplier<Handle> openWriter, Duration timeout,
                            ThreadPoolExecutor answers) {
        this.readers = readers;
        this.pool = pool;
        this.openWriter = openWriter;
        this.writer = openWriter.get();
        this.timeout = timeout;
        this.answers = answers;
        this.thread = new Thread(this::commitLoop, "store-writer");
        thread.setDaemon(true);
        thread.start();
        this.deadlines = Executors.newSingleThreadScheduledExecutor(new DaemonThreads("store-deadlines"));
        long every = Math.max(10, Math.min(100, timeout.toMillis() / 4));
        deadlines.scheduleWithFixedDelay(this::failOverdueWrites, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public <T> T write(HandleCallback<T, RuntimeException> work) {
        try {
            return submit(work, false).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Completes on one of the answer threads once the write's batch has committed (or failed). */
    @Override
    public <T> CompletableFuture<T> writeAsync(HandleCallback<T, RuntimeException> work) {
        return submit(work, true);
    }

    private <T> CompletableFuture<T> submit(HandleCallback<T, RuntimeException> work, boolean answered) {
        if (closed) {
            return CompletableFuture.failedFuture(new StoreFailure("The store is closed", null));
        }
        Write<T> write = new Write<>(work, answered, System.nanoTime() + timeout.toNanos());
        queue.add(write);
        return write.done;
    }

    /**
     * Fails the writes at the head of the queue whose deadline passed: the queue is in arrival order, so they are
     * there, and one taken out here is never handed to the writer (each write is taken from the queue once).
     */
    private void failOverdueWrites() {
        long now = System.nanoTime();
        Write<?> head;
        while ((head = queue.peek()) != null && now - head.deadline >= 0 && queue.remove(head)) {
            head.failure = new StoreFailure("The store's writer did not start the write within " + timeout.toMillis()
                    + " ms", null, StoreFailure.Kind.TRANSIENT,
                    "the store did not get to a write within " + timeout.toMillis() + " ms");
            Write<?> overdue = head;
            if (overdue.answered) {
                answers.execute(overdue::complete);
            } else {
                overdue.complete();
            }
        }
    }

    @Override
    public CommitWait commitWait() {
        return CommitWait.ASYNC;
    }

    @Override
    public <T> T read(HandleCallback<T, RuntimeException> work) {
        try {
            return readers.withHandle(work::withHandle);
        } catch (JdbiException e) {
            throw FailureCauses.failure("The database failed to answer", e);
        }
    }

    private void commitLoop() {
        List<Write<?>> batch = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Write<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.error("The store's writer failed", e);
            } finally {
                answer(batch);
                batch.clear();
            }
        }
        Write<?> left;
        while ((left = queue.poll()) != null) {
            left.failure = new StoreFailure("The store is closed", null);
            left.complete();
        }
    }

    /**
     * Wakes callers waiting in {@code write} here and hands the answered writes to the answer threads in one task per
     * thread rather than one per write: every task handed over may wake a thread, and waking one costs more than
     * answering a write.
     */
    private void answer(List<Write<?>> batch) {
        List<Write<?>> answered = new ArrayList<>(batch.size());
        for (Write<?> write : batch) {
            if (write.answered) {
                answered.add(write);
            } else {
                write.complete();
            }
        }
        int tasks = Math.min(answers.getMaximumPoolSize(), answered.size());
        for (int t = 0; t < tasks; t++) {
            List<Write<?>> share = answered.subList(answered.size() * t / tasks, answered.size() * (t + 1) / tasks);
            answers.execute(() -> share.forEach(Write::complete));
        }
    }

    private void commit(List<Write<?>> batch) {
        if (reopenWriter && !reopenWriter(batch)) {
            return;
        }
        if (batch.size() == 1) {
            commitAlone(batch.get(0));
        } else if (!commitTogether(batch)) {
            batch.forEach(this::commitAlone);
        }
    }

    /**
     * A connection that met a read-only database stays read-only (SQLite opens read-only when it cannot write, and
     * keeps it so): a new one is what notices that the disk is writable again, without a restart.
     *
     * @return false when no connection could be opened; then every write of the batch failed with why
     */
    private boolean reopenWriter(List<Write<?>> batch) {
        try {
            writer.close();
        } catch (RuntimeException e) {
            LOG.debug("Closing the failed writer connection failed", e);
        }
        try {
            writer = openWriter.get();
            reopenWriter = false;
            return true;
        } catch (RuntimeException e) {
            StoreFailure failure = FailureCauses.failure("The database cannot be opened for writing", e);
            batch.forEach(write -> write.failure = failure);
            return false;
        }
    }

    /** True when every write ran and the batch committed; false after a rollback (nothing of it was stored). */
    private boolean commitTogether(List<Write<?>> batch) {
        try {
            writer.begin();
            for (Write<?> write : batch) {
                write.run(writer);
            }
            writer.commit();
            return true;
        } catch (RuntimeException e) {
            rollbackQuietly();
            return false;
        }
    }

    private void commitAlone(Write<?> write) {
        try {
            writer.begin();
            write.run(writer);
            writer.commit();
        } catch (RuntimeException e) {
            rollbackQuietly();
            if (e instanceof JdbiException) {
                StoreFailure failure = FailureCauses.failure("The database failed to store the change", e);
                reopenWriter |= failure.isPermanent();
                write.failure = failure;
            } else {
                write.failure = e;
            }
        }
    }

    private void rollbackQuietly() {
        try {
            writer.rollback();
        } catch (RuntimeException e) {
            LOG.warn("Rollback failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        deadlines.shutdownNow();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        answers.shutdown();
        writer.close();
        try {
            pool.close();
        } catch (Exception e) {
            throw new IllegalStateException("Could not close the connection pool", e);
        }
    }
}
