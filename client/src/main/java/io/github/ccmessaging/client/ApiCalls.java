package io.github.ccmessaging.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ccmessaging.client.invoker.ApiException;
import java.time.Duration;

/**
 * Invokes operations of the generated API for the façades: retries answers 429 and 503 as the {@link RetryPolicy}
 * says, and turns failures into {@link MessagingApiException} (the server answered with an error) or
 * {@link MessagingTransportException} (the request did not complete). Shared by {@link MessagingClient} and
 * {@link EmulatorClient}, so both behave alike.
 */
final class ApiCalls {

    private final ObjectMapper mapper;
    private final RetryPolicy retries;
    private final Sleeper sleeper;

    ApiCalls(ObjectMapper mapper, RetryPolicy retries, Sleeper sleeper) {
        this.mapper = mapper;
        this.retries = retries;
        this.sleeper = sleeper;
    }

    /** Calls an operation whose success response has a body; a success without body is a transport failure. */
    <T> T call(String operation, ApiCall<T> call) {
        T result = invoke(operation, call);
        if (result == null) {
            throw new MessagingTransportException(operation + " failed: the success response has no body", null);
        }
        return result;
    }

    /** Calls an operation whose success response has no body (e.g. 204). */
    void run(String operation, ApiRun run) {
        invoke(operation, () -> {
            run.invoke();
            return Boolean.TRUE;
        });
    }

    private <T> T invoke(String operation, ApiCall<T> call) {
        for (int retry = 1; ; retry++) {
            try {
                return call.invoke();
            } catch (ApiException e) {
                RuntimeException failure = translate(operation, e);
                if (!(failure instanceof MessagingApiException refused) || !RetryPolicy.isRetryable(refused.status())
                        || retry > retries.maxRetries()) {
                    throw failure;
                }
                pause(operation, retries.delayBefore(retry, refused.retryAfter()), failure);
            }
        }
    }

    private RuntimeException translate(String operation, ApiException e) {
        if (e.getResponseHeaders() != null) {
            return MessagingApiException.fromResponse(operation, e.getCode(), e.getResponseHeaders(),
                    e.getResponseBody(), mapper);
        }
        Throwable cause = e.getCause() == null ? e : e.getCause();
        if (cause instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new MessagingTransportException(operation + " was interrupted", cause);
        }
        return new MessagingTransportException(operation + " failed: " + cause, cause);
    }

    private void pause(String operation, Duration delay, RuntimeException failure) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            MessagingTransportException interrupted =
                    new MessagingTransportException(operation + " was interrupted while waiting to retry", e);
            interrupted.addSuppressed(failure);
            throw interrupted;
        }
    }

    /** Waits between retries; replaced in tests. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration delay) throws InterruptedException;
    }

    /** One call of the generated API that returns the response body. */
    @FunctionalInterface
    interface ApiCall<T> {
        T invoke() throws ApiException;
    }

    /** One call of the generated API without response body. */
    @FunctionalInterface
    interface ApiRun {
        void invoke() throws ApiException;
    }
}
