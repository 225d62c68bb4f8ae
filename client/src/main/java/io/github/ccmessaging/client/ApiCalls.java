package io.github.ccmessaging.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ccmessaging.client.invoker.ApiException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Invokes operations of the generated API for the façades: retries answers 429 and 503 as the {@link RetryPolicy}
 * says, and turns failures into {@link MessagingApiException} (the server answered with an error) or
 * {@link MessagingTransportException} (the request did not complete, with the host and port it went to). Shared by
 * {@link MessagingClient} and {@link EmulatorClient}, so both behave alike.
 */
final class ApiCalls {

    private final ObjectMapper mapper;
    private final RetryPolicy retries;
    private final Sleeper sleeper;
    private final String endpoint;

    ApiCalls(ObjectMapper mapper, RetryPolicy retries, Sleeper sleeper, URI baseUri) {
        this.mapper = mapper;
        this.retries = retries;
        this.sleeper = sleeper;
        this.endpoint = endpoint(baseUri);
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
            return new MessagingTransportException(operation + " to " + endpoint + " was interrupted", cause);
        }
        return new MessagingTransportException(operation + " failed: " + whatFailed(cause), cause);
    }

    /** The JDK's connection errors often have no message; say where the request went. */
    private String whatFailed(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return "timed out connecting to " + endpoint;
        }
        if (cause instanceof HttpTimeoutException) {
            return "no response from " + endpoint + " within the request timeout";
        }
        if (cause instanceof ConnectException) {
            return "cannot connect to " + endpoint + " (" + cause + ")";
        }
        return "the request to " + endpoint + " did not complete (" + cause + ")";
    }

    /** {@code host:port} of the base URI, with the scheme's default port when it names none. */
    private static String endpoint(URI baseUri) {
        if (baseUri.getPort() != -1) {
            return baseUri.getHost() + ":" + baseUri.getPort();
        }
        return baseUri.getHost() + ("https".equalsIgnoreCase(baseUri.getScheme()) ? ":443" : ":80");
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
