package io.github.ccmessaging.server.webhook;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * How one attempt ended.
 *
 * @param kind success or the kind of failure
 * @param error what went wrong; null on success
 */
record AttemptResult(Kind kind, String error) {

    enum Kind {
        SUCCESS("success"), HTTP_ERROR("http_error"), TIMEOUT("timeout"), IO_ERROR("io_error");

        private final String tag;

        Kind(String tag) {
            this.tag = tag;
        }

        String tag() {
            return tag;
        }
    }

    boolean succeeded() {
        return kind == Kind.SUCCESS;
    }

    /** The API documents 200; any 2xx counts as delivered. */
    static AttemptResult ofStatus(int status) {
        return status >= 200 && status < 300
                ? new AttemptResult(Kind.SUCCESS, null)
                : new AttemptResult(Kind.HTTP_ERROR, "HTTP " + status);
    }

    /** A cancellation is the attempt's own deadline firing. */
    static AttemptResult ofFailure(Throwable failure, Duration timeout) {
        Throwable cause = unwrap(failure);
        if (cause instanceof HttpTimeoutException || cause instanceof CancellationException) {
            return new AttemptResult(Kind.TIMEOUT, "no response within " + timeout.toMillis() + " ms");
        }
        if (cause instanceof IOException) {
            return new AttemptResult(Kind.IO_ERROR, describe(cause));
        }
        return new AttemptResult(Kind.IO_ERROR, "unexpected " + describe(cause));
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String describe(Throwable t) {
        StringBuilder text = new StringBuilder(t.getClass().getSimpleName());
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                return text.append(": ").append(c.getMessage()).toString();
            }
        }
        return text.toString();
    }
}
