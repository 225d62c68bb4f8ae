package io.github.ccmessaging.server.store;

/** The store could not do what was asked: its database failed or is unreachable. Nothing was changed. */
public final class StoreFailure extends RuntimeException {
    public StoreFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
