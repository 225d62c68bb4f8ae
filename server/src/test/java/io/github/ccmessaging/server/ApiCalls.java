package io.github.ccmessaging.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ccmessaging.server.channel.Channel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Raw HTTP calls to the consumer API as one channel, so tests see exactly what a client sees. */
public final class ApiCalls {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final URI baseUri;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiCalls(URI baseUri, Channel channel) {
        this.baseUri = baseUri;
        headers.put("Authorization", "Bearer " + channel.token());
        headers.put("channel-id", channel.channelId());
        headers.put("organization-id", channel.organizationId());
        headers.put("Content-Type", "application/json");
    }

    /** The same calls with one header replaced, or removed when {@code value} is null. */
    public ApiCalls withHeader(String name, String value) {
        ApiCalls copy = new ApiCalls(baseUri, headers);
        if (value == null) {
            copy.headers.remove(name);
        } else {
            copy.headers.put(name, value);
        }
        return copy;
    }

    private ApiCalls(URI baseUri, Map<String, String> headers) {
        this.baseUri = baseUri;
        this.headers.putAll(headers);
    }

    public Reply create(String body) {
        return post("/api/v1.0/consumer/conversation/create", body);
    }

    /** Creates a conversation without context and returns its id. */
    public String newConversation() {
        Reply reply = create("{}");
        if (reply.status() != 200) {
            throw new IllegalStateException("create failed: " + reply);
        }
        return reply.json().get("conversationId").asText();
    }

    public Reply send(String conversationId, String body) {
        return post("/api/v1.0/consumer/conversation/" + conversationId, body);
    }

    public Reply message(String conversationId, String text) {
        return send(conversationId, "{\"type\":\"message\",\"text\":" + quote(text) + "}");
    }

    /** The emulator's transcript of the conversation: its {@code activities}, asserting a 200. */
    public JsonNode transcript(String conversationId) {
        Reply reply = get("/emulator/conversations/" + conversationId + "/transcript");
        if (reply.status() != 200) {
            throw new AssertionError("transcript: " + reply);
        }
        return reply.json().get("activities");
    }

    public Reply post(String path, String body) {
        return call("POST", path, body);
    }

    public Reply get(String path) {
        return call("GET", path, null);
    }

    public Reply put(String path, String body) {
        return call("PUT", path, body);
    }

    public Reply delete(String path) {
        return call("DELETE", path, null);
    }

    /** Any method, for the methods the API does not have; {@code body} null sends none. */
    public Reply call(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri.resolve(path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("x-ms-correlation-id").orElse(null), response.body(),
                    response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A response as the client saw it. */
    public record Reply(int status, String contentType, String correlationId, String body,
                        Map<String, java.util.List<String>> headers) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public int errorCode() {
            return json().path("errorCode").asInt(-1);
        }

        public String messageId() {
            return json().path("messageId").asText(null);
        }
    }
}
