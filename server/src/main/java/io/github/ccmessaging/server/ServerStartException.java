package io.github.ccmessaging.server;

/** A server could not start: its port is taken, or its store could not be opened. The message names the culprit. */
public final class ServerStartException extends RuntimeException {
    public ServerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
