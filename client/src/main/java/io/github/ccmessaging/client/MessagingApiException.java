package io.github.ccmessaging.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ccmessaging.client.model.Problem;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The Messaging API answered with an error status (4xx or 5xx).
 *
 * <p>Error bodies are RFC 7807 {@code application/problem+json} documents; the documented error code
 * (30001–30016, e.g. 30016 "message activity has no text or attachments") is in {@link #errorCode()}.
 * Some errors carry no code (e.g. 401) or no problem document at all (e.g. an HTML page from a proxy);
 * the raw body is then part of the message and available from {@link #responseBody()}.
 *
 * <pre>{@code
 * try {
 *     client.sendMessage(conversationId, "");
 * } catch (MessagingApiException e) {
 *     if (e.errorCode().orElse(0) == 30016) { ... }
 *     log.warn("rejected, correlation id {}", e.correlationId().orElse("-"));
 * }
 * }</pre>
 */
public final class MessagingApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final String CORRELATION_HEADER = "x-ms-correlation-id";
    private static final int MAX_BODY_IN_MESSAGE = 2_000;

    /** The HTTP status. */
    private final int status;
    /** The problem's {@code errorCode}, or {@code null}. */
    private final Integer errorCode;
    /** The problem's {@code title}, or {@code null}. */
    private final String title;
    /** The problem's {@code detail}, or {@code null}. */
    private final String detail;
    /** From the {@code x-ms-correlation-id} header or the problem, or {@code null}. */
    private final String correlationId;
    /** The raw body, never {@code null}. */
    private final String responseBody;
    /** From the {@code Retry-After} header, or {@code null}. */
    private final Duration retryAfter;
    /** The parsed problem, or {@code null}; not serialized (the generated model is not serializable). */
    private final transient Problem problem;

    private MessagingApiException(String message, int status, Problem problem, String correlationId,
            String responseBody, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
        this.status = status;
        this.problem = problem;
        this.errorCode = problem == null ? null : problem.getErrorCode();
        this.title = problem == null ? null : problem.getTitle();
        this.detail = problem == null ? null : problem.getDetail();
        this.correlationId = correlationId;
        this.responseBody = responseBody;
    }

    /**
     * Builds the exception for an error response; never fails, whatever the body holds.
     *
     * @param operation the API operation, for the message
     * @param status the HTTP status
     * @param headers the response headers (may be {@code null})
     * @param body the response body as text (may be {@code null})
     * @param mapper reads the problem document
     */
    static MessagingApiException fromResponse(String operation, int status, HttpHeaders headers, String body,
            ObjectMapper mapper) {
        String text = body == null ? "" : body;
        Problem problem = parseProblem(text, mapper);
        String correlationId = Optional.ofNullable(headers)
                .flatMap(h -> h.firstValue(CORRELATION_HEADER))
                .filter(value -> !value.isBlank())
                .orElse(problem == null ? null : problem.getCorrelationId());
        Duration retryAfter = Optional.ofNullable(headers).flatMap(h -> h.firstValue("Retry-After"))
                .map(MessagingApiException::parseRetryAfter).orElse(null);
        return new MessagingApiException(message(operation, status, problem, correlationId, text), status,
                problem, correlationId, text, retryAfter);
    }

    /** {@code Retry-After} is delay-seconds or an HTTP date (RFC 9110); anything else is ignored. */
    private static Duration parseRetryAfter(String value) {
        String trimmed = value.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(trimmed)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(Instant.now(),
                        ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /**
     * Returns how long the server asked the caller to wait before retrying ({@code Retry-After}, sent with 429).
     *
     * @return the delay, or empty when the response has no usable {@code Retry-After} header
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * Returns the HTTP status code of the response.
     *
     * @return the HTTP status, e.g. 400, 401, 404, 429 or 500
     */
    public int status() {
        return status;
    }

    /**
     * Returns the documented error code from the problem document's {@code errorCode} member.
     *
     * @return the error code (30001–30016), or empty when the response carries none (e.g. 401)
     */
    public OptionalInt errorCode() {
        return errorCode == null ? OptionalInt.empty() : OptionalInt.of(errorCode);
    }

    /**
     * Returns the problem document's {@code title}, a short summary of the problem type.
     *
     * @return the title, or empty when the body is not a problem document or has no title
     */
    public Optional<String> title() {
        return Optional.ofNullable(title);
    }

    /**
     * Returns the problem document's {@code detail}, an explanation specific to this request.
     *
     * @return the detail, or empty when the body is not a problem document or has no detail
     */
    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    /**
     * Returns the id under which the server logged the request; quote it when reporting a problem.
     * Taken from the {@code x-ms-correlation-id} response header, else from the body's {@code correlationId}.
     *
     * @return the correlation id, or empty when the response names none
     */
    public Optional<String> correlationId() {
        return Optional.ofNullable(correlationId);
    }

    /**
     * Returns the parsed problem document.
     *
     * @return the problem, or empty when the body is missing or is not a JSON problem document
     */
    public Optional<Problem> problem() {
        return Optional.ofNullable(problem);
    }

    /**
     * Returns the response body exactly as received.
     *
     * @return the body text; empty when the response had no body
     */
    public String responseBody() {
        return responseBody;
    }

    private static Problem parseProblem(String body, ObjectMapper mapper) {
        if (body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || !node.isObject() || !looksLikeProblem(node)) {
                return null;
            }
            return mapper.treeToValue(node, Problem.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean looksLikeProblem(JsonNode node) {
        return node.has("title") || node.has("detail") || node.has("errorCode") || node.has("status")
                || node.has("type");
    }

    private static String message(String operation, int status, Problem problem, String correlationId,
            String body) {
        StringBuilder message = new StringBuilder(operation).append(" failed with HTTP ").append(status);
        if (problem != null && problem.getErrorCode() != null) {
            message.append(" (errorCode ").append(problem.getErrorCode()).append(')');
        }
        boolean described = false;
        if (problem != null && problem.getTitle() != null) {
            message.append(": ").append(problem.getTitle());
            described = true;
        }
        if (problem != null && problem.getDetail() != null) {
            message.append(described ? " - " : ": ").append(problem.getDetail());
            described = true;
        }
        if (!described) {
            message.append(body.isBlank() ? " (no body)" : ": " + abbreviate(body));
        }
        if (correlationId != null) {
            message.append(" [correlation id ").append(correlationId).append(']');
        }
        return message.toString();
    }

    private static String abbreviate(String body) {
        String trimmed = body.strip();
        if (trimmed.length() <= MAX_BODY_IN_MESSAGE) {
            return trimmed;
        }
        return trimmed.substring(0, MAX_BODY_IN_MESSAGE) + "... (" + (trimmed.length() - MAX_BODY_IN_MESSAGE)
                + " more characters)";
    }
}
