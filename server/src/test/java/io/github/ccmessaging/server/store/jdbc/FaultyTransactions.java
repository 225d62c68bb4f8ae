package io.github.ccmessaging.server.store.jdbc;

import io.github.ccmessaging.server.store.CommitWait;
import java.util.concurrent.CompletionStage;
import org.jdbi.v3.core.HandleCallback;

/** Transactions whose writes run the {@link StoreFaults} first, inside the transaction, where a database fails. */
final class FaultyTransactions implements Transactions {
    private final Transactions inner;
    private final StoreFaults faults;

    FaultyTransactions(Transactions inner, StoreFaults faults) {
        this.inner = inner;
        this.faults = faults;
    }

    @Override
    public <T> T write(HandleCallback<T, RuntimeException> work) {
        return inner.write(faulty(work));
    }

    @Override
    public <T> CompletionStage<T> writeAsync(HandleCallback<T, RuntimeException> work) {
        return inner.writeAsync(faulty(work));
    }

    private <T> HandleCallback<T, RuntimeException> faulty(HandleCallback<T, RuntimeException> work) {
        return h -> {
            faults.beforeWrite();
            return work.withHandle(h);
        };
    }

    @Override
    public CommitWait commitWait() {
        return inner.commitWait();
    }

    @Override
    public <T> T read(HandleCallback<T, RuntimeException> work) {
        return inner.read(work);
    }

    @Override
    public void close() {
        inner.close();
    }
}
