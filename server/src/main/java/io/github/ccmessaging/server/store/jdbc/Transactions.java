package io.github.ccmessaging.server.store.jdbc;

import io.github.ccmessaging.server.store.CommitWait;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jdbi.v3.core.HandleCallback;

/** Runs work against the database: writes in a transaction that has committed when {@code write} returns. */
interface Transactions extends AutoCloseable {

    <T> T write(HandleCallback<T, RuntimeException> work);

    /** As {@link #write}, completing once the transaction has committed; by default on the calling thread. */
    default <T> CompletionStage<T> writeAsync(HandleCallback<T, RuntimeException> work) {
        return CompletableFuture.supplyAsync(() -> write(work), Runnable::run);
    }

    /** Whether {@link #writeAsync} leaves the calling thread free until the commit. */
    default CommitWait commitWait() {
        return CommitWait.BLOCKING;
    }

    <T> T read(HandleCallback<T, RuntimeException> work);

    @Override
    void close();
}
