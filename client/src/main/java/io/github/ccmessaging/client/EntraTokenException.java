package io.github.ccmessaging.client;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@link EntraClientCredentials} could not get an access token: Microsoft Entra refused the request (e.g. error
 * {@code invalid_client} for a wrong secret, {@code invalid_scope} for a wrong scope), answered something that is
 * not a token, or could not be reached. The message never contains the client secret.
 */
public final class EntraTokenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The HTTP status, or 0 when there was no response. */
    private final int status;
    /** Entra's {@code error} code, or {@code null}. */
    private final String error;

    EntraTokenException(String message, int status, String error, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.error = error;
    }

    /**
     * The HTTP status of the token endpoint's response.
     *
     * @return the status, or empty when no response arrived
     */
    public OptionalInt status() {
        return status == 0 ? OptionalInt.empty() : OptionalInt.of(status);
    }

    /**
     * Entra's OAuth 2.0 error code, e.g. {@code invalid_client}, {@code unauthorized_client} or
     * {@code invalid_scope}.
     *
     * @return the {@code error} member of the error response, or empty when there was none
     */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }
}
