package io.github.ccmessaging.server.store;

/** A store cannot be opened for a reason its message names in one line (a locked or unwritable data directory…). */
public final class StoreOpeningFailure extends RuntimeException {
    public StoreOpeningFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
