package io.github.ccmessaging.client.webhook;

/**
 * A webhook request was rejected; answer it with {@link #status()}: 400 (malformed body or a path that is not
 * {@code .../v3/conversations/{conversationId}/activities}), 401 (missing or wrong bearer token), 405 (not a
 * {@code POST}) or 413 (body larger than the receiver accepts). The message says why, without repeating the token.
 */
public final class WebhookRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The HTTP status to answer. */
    private final int status;

    WebhookRejectedException(int status, String message) {
        super(message);
        this.status = status;
    }

    WebhookRejectedException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /**
     * Returns the HTTP status to answer the request with.
     *
     * @return 400, 401, 405 or 413
     */
    public int status() {
        return status;
    }
}
