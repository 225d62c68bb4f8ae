package io.github.ccmessaging.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A fake Messaging API on a free local port (JDK {@link HttpServer}): records every request and answers
 * with a canned response; by default 200 with a create or send response, depending on the path.
 */
final class FakeMessagingServer implements AutoCloseable {

    static final String CREATE_RESPONSE =
            "{\"conversationId\":\"9a1c3c0e-52f7-4b5e-9c6a-3f2d1e0b8a77\",\"isNew\":true}";
    static final String SEND_RESPONSE = "{\"messageId\":\"1745323200123\",\"message\":null}";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final java.util.Queue<CannedResponse> once = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** One received request; header names are case-insensitive; {@code query} is raw, {@code null} when absent. */
    record RecordedRequest(String method, String path, String protocol, Map<String, List<String>> headers,
            String body, String query) {

        /** The decoded value of a query parameter, {@code null} when absent. */
        String queryParam(String name) {
            if (query == null) {
                return null;
            }
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                if (key.equals(name)) {
                    return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
            return null;
        }

        String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("request body is not JSON: " + body, e);
            }
        }
    }

    /** What the server answers; {@code body} {@code null} means no body at all. */
    record CannedResponse(int status, String contentType, String body, Map<String, String> headers,
            Duration delay) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private volatile CannedResponse canned;
    private volatile Function<RecordedRequest, CannedResponse> responder;

    private FakeMessagingServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static FakeMessagingServer start() {
        try {
            return new FakeMessagingServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client builder for this server and the development channel; the caller adds the token and the rest. */
    MessagingClient.Builder clientForDevChannel() {
        return MessagingClient.builder()
                .baseUri(baseUri())
                .channelId(MessagingClientRequestsTest.CHANNEL)
                .organizationId(MessagingClientRequestsTest.ORGANIZATION);
    }

    URI baseUri() {
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    /** Answers every following request with this response. */
    void respond(int status, String contentType, String body, Map<String, String> headers) {
        canned = new CannedResponse(status, contentType, body, headers, Duration.ZERO);
    }

    /** Answers every following request with what the function makes of it (after responses queued once). */
    void respondWith(Function<RecordedRequest, CannedResponse> responder) {
        this.responder = responder;
    }

    /** A JSON 200 response, for {@link #respondWith(Function)}. */
    static CannedResponse json(String body) {
        return new CannedResponse(200, "application/json", body, Map.of(), Duration.ZERO);
    }

    /** Answers the next request with this response, then goes back to what it answered before. */
    void respondOnce(int status, String contentType, String body, Map<String, String> headers) {
        once.add(new CannedResponse(status, contentType, body, headers, Duration.ZERO));
    }

    /** Answers every following request with the default response, after a delay. */
    void delayResponses(Duration delay) {
        canned = new CannedResponse(200, "application/json", SEND_RESPONSE, Map.of(), delay);
    }

    List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    RecordedRequest lastRequest() {
        if (requests.isEmpty()) {
            throw new AssertionError("the fake server received no request");
        }
        return requests.get(requests.size() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), exchange.getProtocol(), headers, body,
                    exchange.getRequestURI().getRawQuery());
            requests.add(request);

            CannedResponse next = once.poll();
            Function<RecordedRequest, CannedResponse> dynamic = responder;
            CannedResponse response = next != null ? next
                    : dynamic != null ? dynamic.apply(request)
                    : canned != null ? canned : defaultResponse(exchange.getRequestURI().getPath());
            sleep(response.delay());
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            if (response.body() == null) {
                exchange.sendResponseHeaders(response.status(), -1);
                return;
            }
            byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", response.contentType());
            exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private static CannedResponse defaultResponse(String path) {
        String body = path.endsWith("/conversation/create") ? CREATE_RESPONSE : SEND_RESPONSE;
        return new CannedResponse(200, "application/json", body, Map.of(), Duration.ZERO);
    }

    private static void sleep(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
