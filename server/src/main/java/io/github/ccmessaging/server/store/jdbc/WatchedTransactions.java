package io.github.ccmessaging.server.store.jdbc;

import io.github.ccmessaging.server.store.CommitWait;
import io.github.ccmessaging.server.store.StoreFailure;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.jdbi.v3.core.HandleCallback;

/** Tells a {@link FailureWatch} how each read and write of the transactions it wraps went. */
final class WatchedTransactions implements Transactions {
    private final Transactions inner;
    private final FailureWatch watch;

    WatchedTransactions(Transactions inner, FailureWatch watch) {
        this.inner = inner;
        this.watch = watch;
    }

    @Override
    public <T> T write(HandleCallback<T, RuntimeException> work) {
        T result;
        try {
            result = inner.write(work);
        } catch (StoreFailure e) {
            watch.writeFailed(e);
            throw e;
        }
        watch.writeSucceeded();
        return result;
    }

    @Override
    public <T> CompletionStage<T> writeAsync(HandleCallback<T, RuntimeException> work) {
        return inner.writeAsync(work).whenComplete((result, failure) -> {
            if (failure == null) {
                watch.writeSucceeded();
            } else if (unwrap(failure) instanceof StoreFailure storeFailure) {
                watch.writeFailed(storeFailure);
            }
        });
    }

    @Override
    public CommitWait commitWait() {
        return inner.commitWait();
    }

    @Override
    public <T> T read(HandleCallback<T, RuntimeException> work) {
        try {
            return inner.read(work);
        } catch (StoreFailure e) {
            watch.readFailed(e);
            throw e;
        }
    }

    @Override
    public void close() {
        inner.close();
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
