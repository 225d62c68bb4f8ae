package io.github.ccmessaging.server.store;

import org.jdbi.v3.core.HandleCallback;

/** Runs work against the database: writes in a transaction that has committed when {@code write} returns. */
interface Transactions extends AutoCloseable {

    <T> T write(HandleCallback<T, RuntimeException> work);

    <T> T read(HandleCallback<T, RuntimeException> work);

    @Override
    void close();
}
