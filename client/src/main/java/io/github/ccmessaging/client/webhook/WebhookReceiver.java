package io.github.ccmessaging.client.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpHandler;
import io.github.ccmessaging.client.webhook.model.WebhookActivity;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks and parses the requests that Dynamics 365 Contact Center (or this project's emulator) sends to a channel's
 * webhook: {@code POST {webhookUrl}/v3/conversations/{conversationId}/activities} with
 * {@code Authorization: Bearer <token>} and a Bot Framework activity as JSON body.
 *
 * <p>Mount it in any HTTP server: hand each request's method, path, {@code Authorization} header and body to
 * {@link #receive(String, String, String, byte[])}, answer 200 when it returns (the body is ignored by the sender)
 * and the exception's {@link WebhookRejectedException#status() status} when it throws. With the JDK's
 * {@code com.sun.net.httpserver}, {@link #httpHandler(Consumer)} does that.
 *
 * <p>Parsing is lenient as Bot Framework asks of receivers: unknown members are ignored, member names are matched
 * in any casing (Copilot Studio custom events arrive in PascalCase), and a {@code type} or {@code name} outside
 * the documented values is kept in {@link ReceivedActivity} instead of being rejected. A rejected delivery is
 * retried by the sender up to 3 times and then dropped, so only requests that cannot be an activity are rejected.
 *
 * <pre>{@code
 * WebhookReceiver receiver = WebhookReceiver.builder().bearerToken("webhook-secret").build();
 * HttpServer server = HttpServer.create(new InetSocketAddress(9090), 0);
 * server.createContext("/webhook", receiver.httpHandler(received ->
 *         System.out.println(received.conversationId() + ": " + received.activity().getText())));
 * server.start();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class WebhookReceiver {

    /** {@code .../v3/conversations/{conversationId}/activities}, after any base path. */
    private static final Pattern ACTIVITIES_PATH = Pattern.compile(".*/v3/conversations/([^/]+)/activities");

    private final Predicate<String> tokenCheck;
    private final int maxBodyBytes;
    private final ObjectMapper mapper;

    private WebhookReceiver(Predicate<String> tokenCheck, int maxBodyBytes) {
        this.tokenCheck = tokenCheck;
        this.maxBodyBytes = maxBodyBytes;
        this.mapper = JsonMapper.builder()
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /**
     * Starts the configuration of a receiver; a bearer token or a token check is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks one webhook request and parses its activity. The checks run in this order: method, bearer token,
     * path, body.
     *
     * @param method the request method; only {@code POST} is accepted
     * @param path the request path, raw or decoded, e.g. {@code /webhook/v3/conversations/9a1c.../activities}; any
     *             prefix before {@code /v3/} is accepted, a query string is ignored
     * @param authorizationHeader the {@code Authorization} header, {@code null} when absent
     * @param body the request body
     * @return the conversation id from the path, and the activity
     * @throws WebhookRejectedException with 405 for another method, 401 for a missing or wrong bearer token, 400
     *                                  for another path or a body that is not a JSON object with a {@code type},
     *                                  413 for a body longer than {@link Builder#maxBodyBytes(int)}
     */
    public ReceivedActivity receive(String method, String path, String authorizationHeader, byte[] body) {
        String conversationId = checkRequest(method, path, authorizationHeader);
        return parse(conversationId, body);
    }

    /**
     * Adapts this receiver to the JDK's HTTP server. The handler answers 200 {@code {}} after handing the activity to
     * the consumer; a rejected request gets its status and an {@code application/problem+json} body; an exception
     * of the consumer gets 500, so the sender retries the delivery. The body is not read when method, token or path
     * are rejected, nor beyond {@link Builder#maxBodyBytes(int)}.
     *
     * @param consumer receives each accepted activity, on the server's thread
     * @return a handler to mount with {@code HttpServer.createContext(basePath, handler)}
     */
    public HttpHandler httpHandler(Consumer<ReceivedActivity> consumer) {
        return new WebhookHttpHandler(this, Objects.requireNonNull(consumer, "consumer"));
    }

    /** The longest body accepted, in bytes. */
    int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** Checks method, token and path; returns the conversation id of the path. */
    String checkRequest(String method, String path, String authorizationHeader) {
        if (!"POST".equals(method)) {
            throw new WebhookRejectedException(405, "the webhook accepts POST only, not " + method);
        }
        String token = BearerToken.of(authorizationHeader);
        if (token == null) {
            throw new WebhookRejectedException(401, "the request has no Authorization: Bearer token");
        }
        if (!tokenCheck.test(token)) {
            throw new WebhookRejectedException(401, "the bearer token is not the webhook's token");
        }
        return conversationIdOf(path);
    }

    /** Parses the body of a request whose method, token and path were accepted. */
    ReceivedActivity parse(String conversationId, byte[] body) {
        if (body == null || body.length == 0) {
            throw new WebhookRejectedException(400, "the request has no body");
        }
        if (body.length > maxBodyBytes) {
            throw new WebhookRejectedException(413, "the body is longer than " + maxBodyBytes + " bytes");
        }
        JsonNode json;
        try {
            json = mapper.readTree(body);
        } catch (IOException e) {
            throw new WebhookRejectedException(400, "the body is not JSON: " + originalMessage(e), e);
        }
        if (json == null || !json.isObject()) {
            throw new WebhookRejectedException(400, "the body is not a JSON object");
        }
        String type = text(member(json, "type"));
        if (type == null || type.isBlank()) {
            throw new WebhookRejectedException(400, "the activity has no type");
        }
        WebhookActivity activity;
        try {
            activity = mapper.treeToValue(json, WebhookActivity.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new WebhookRejectedException(400, "the body is not an activity: " + originalMessage(e), e);
        }
        return new ReceivedActivity(conversationId, activity, type, text(member(json, "name")));
    }

    private static String conversationIdOf(String path) {
        if (path == null) {
            throw new WebhookRejectedException(400, "the request has no path");
        }
        int query = path.indexOf('?');
        String withoutQuery = query < 0 ? path : path.substring(0, query);
        Matcher matcher = ACTIVITIES_PATH.matcher(withoutQuery);
        if (!matcher.matches()) {
            throw new WebhookRejectedException(400,
                    "the path is not .../v3/conversations/{conversationId}/activities: " + withoutQuery);
        }
        String conversationId;
        try {
            // percent-decoding only: in a path, '+' is a plus sign
            conversationId = URLDecoder.decode(matcher.group(1).replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new WebhookRejectedException(400, "the conversation id in the path is not well encoded", e);
        }
        if (conversationId.isBlank()) {
            throw new WebhookRejectedException(400, "the path names no conversation");
        }
        return conversationId;
    }

    /** The member of that name in any casing, as the mapper matches it; {@code null} when absent. */
    private static JsonNode member(JsonNode object, String name) {
        JsonNode exact = object.get(name);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, JsonNode> property : object.properties()) {
            if (property.getKey().equalsIgnoreCase(name)) {
                return property.getValue();
            }
        }
        return null;
    }

    private static String text(JsonNode node) {
        return node == null || !node.isTextual() ? null : node.textValue();
    }

    private static String originalMessage(Exception e) {
        return e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
    }

    /**
     * Configures a {@link WebhookReceiver}. Required: {@link #bearerToken(String)} or {@link #tokenCheck(Predicate)}.
     * A builder is not thread-safe; the receivers it builds are.
     */
    public static final class Builder {

        private static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

        private Predicate<String> tokenCheck;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;

        private Builder() {
        }

        /**
         * Accepts exactly this bearer token (compared in constant time), e.g. the {@code webhookToken} registered
         * with the emulator; replaces a token check set before.
         *
         * @param expectedToken the token, without the {@code Bearer } prefix
         * @return this builder
         * @throws IllegalArgumentException when the token is blank
         */
        public Builder bearerToken(String expectedToken) {
            Objects.requireNonNull(expectedToken, "expectedToken");
            if (expectedToken.isBlank()) {
                throw new IllegalArgumentException("the expected bearer token must not be blank");
            }
            this.tokenCheck = BearerToken.matching(expectedToken);
            return this;
        }

        /**
         * Accepts the bearer tokens this check accepts, e.g. one that validates an Entra access token's signature,
         * issuer and audience; replaces a token set before. An exception of the check reaches the caller of
         * {@link WebhookReceiver#receive(String, String, String, byte[])} unchanged.
         *
         * @param tokenCheck gets the token without the {@code Bearer } prefix; {@code true} accepts it
         * @return this builder
         */
        public Builder tokenCheck(Predicate<String> tokenCheck) {
            this.tokenCheck = Objects.requireNonNull(tokenCheck, "tokenCheck");
            return this;
        }

        /**
         * Sets the longest body accepted (default 1 MiB); longer bodies are rejected with 413. Attachments arrive
         * as URLs, so activities are small.
         *
         * @param maxBodyBytes a positive number of bytes
         * @return this builder
         * @throws IllegalArgumentException when the number is not positive
         */
        public Builder maxBodyBytes(int maxBodyBytes) {
            if (maxBodyBytes < 1) {
                throw new IllegalArgumentException("maxBodyBytes must be positive: " + maxBodyBytes);
            }
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /**
         * Builds the receiver.
         *
         * @return a new, thread-safe receiver
         * @throws IllegalStateException when neither a bearer token nor a token check was set
         */
        public WebhookReceiver build() {
            if (tokenCheck == null) {
                throw new IllegalStateException(
                        "WebhookReceiver: a bearer token or a token check is required (bearerToken(...) or tokenCheck(...))");
            }
            return new WebhookReceiver(tokenCheck, maxBodyBytes);
        }
    }
}
