package io.github.ccmessaging.client;

/**
 * A request to the Messaging API did not complete: the connection failed or timed out, the calling thread
 * was interrupted (its interrupt flag is then set again), or the response could not be read. The message names
 * the operation and the host and port it went to, e.g. {@code createConversation failed: cannot connect to
 * 127.0.0.1:8080 (java.net.ConnectException)}.
 *
 * <p>Whether the server processed the request is unknown. Resending the same activity object is safe: the
 * client gave it an {@code id} on the first attempt and the server does not store an activity twice.
 */
public final class MessagingTransportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    MessagingTransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
