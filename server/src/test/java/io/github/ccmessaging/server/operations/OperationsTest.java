package io.github.ccmessaging.server.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ccmessaging.server.MessagingServer;
import io.github.ccmessaging.server.TestServer;
import io.github.ccmessaging.server.store.StoreSettings;
import io.github.ccmessaging.server.api.OperationsApi;
import io.github.ccmessaging.server.store.memory.InMemoryConversationStore;
import io.github.ccmessaging.server.store.MessageIdClock;
import jakarta.ws.rs.Path;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class OperationsTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static HttpResponse<String> get(URI base, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A request is counted when Jersey has finished it, a moment after its answer was sent. */
    private static HttpResponse<String> metricsOnceTheyShow(URI base, String text) throws Exception {
        HttpResponse<String> metrics = get(base, "/metrics");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!metrics.body().contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(10);
            metrics = get(base, "/metrics");
        }
        return metrics;
    }

    @Test
    void healthIsUpWithoutAToken() throws Exception {
        try (TestServer server = new TestServer()) {
            HttpResponse<String> health = get(server.baseUri(), "/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"readiness\":\"UP\"")
                    .contains("\"store\":\"UP\"");
            assertThat(health.headers().firstValue("x-ms-correlation-id")).isPresent();
        }
    }

    @Test
    void healthIsDownWith503WhenTheStoreFails() throws Exception {
        InMemoryConversationStore memory = new InMemoryConversationStore(new MessageIdClock(Clock.systemUTC()));
        var broken = (io.github.ccmessaging.server.store.ConversationStore) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {io.github.ccmessaging.server.store.ConversationStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("checkHealth")) {
                        throw new IllegalStateException("database unreachable");
                    }
                    return method.invoke(memory, args);
                });
        try (MessagingServer server = MessagingServer.start(TestServer.testDefaults().channel(TestServer.DEV)
                .store(StoreSettings.of(broken)).build())) {
            HttpResponse<String> health = get(server.baseUri(), "/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("\"readiness\":\"DOWN\"").contains("\"liveness\":\"UP\"")
                    .doesNotContain("database unreachable");
        }
    }

    @Test
    void metricsCountRequestsByRouteAndStatusWithLatencyHistogramsAndStoreLatency() throws Exception {
        try (TestServer server = new TestServer()) {
            String conversation = server.dev().newConversation();
            server.dev().message(conversation, "hello");
            server.dev().send(conversation, "{\"type\":\"message\"}");
            HttpResponse<String> metrics = metricsOnceTheyShow(server.baseUri(), "status=\"400\"");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("text/plain"));
            String body = metrics.body();
            assertThat(body).contains("http_server_requests_seconds_bucket")
                    .containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"200\"[^}]*"
                            + "uri=\"/api/v1.0/consumer/conversation/\\{conversationId\\}\"[^}]*} 1")
                    .containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"400\"[^}]*"
                            + "uri=\"/api/v1.0/consumer/conversation/\\{conversationId\\}\"[^}]*} 1")
                    .containsPattern("store_operation_seconds_count\\{operation=\"append\"} 1")
                    .containsPattern("store_operation_seconds_count\\{operation=\"create\"} 1")
                    .doesNotContain(conversation);
        }
    }

    @Test
    void metricsCountAnUnknownPathAsNotFoundWithoutItsRawPathAndTagTheOutcome() throws Exception {
        try (TestServer server = new TestServer()) {
            get(server.baseUri(), "/no/such/route-4711");
            server.dev().newConversation();
            String body = metricsOnceTheyShow(server.baseUri(), "conversation/create").body();
            assertThat(body)
                    .containsPattern("http_server_requests_seconds_count\\{exception=\"None\",method=\"GET\","
                            + "outcome=\"CLIENT_ERROR\",status=\"404\",uri=\"NOT_FOUND\"} 1")
                    .containsPattern("http_server_requests_seconds_count\\{exception=\"None\",method=\"POST\","
                            + "outcome=\"SUCCESS\",status=\"200\",uri=\"/api/v1.0/consumer/conversation/create\"} 1")
                    .doesNotContain("route-4711");
        }
    }

    @Test
    void aPathWithEncodedControlCharactersCannotForgeALogLine() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (TestServer server = new TestServer(settings -> settings.requestLog(true))) {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            server.dev().withHeader("x-ms-correlation-id", "forged-line-check").get(
                    "/api/v1.0/consumer/conversation/x%0AGET%20/forged%20200%200ms%0D%00%1B%5B31m/messages");
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!captured.toString(StandardCharsets.UTF_8).contains("forged-line-check")
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("conversation/x\\nGET /forged 200 0ms\\r\\u0000\\u001b[31m/messages")
                .doesNotContain("\u0000").doesNotContain("\u001b");
        assertThat(log.lines().filter(l -> l.contains("forged"))).as("one line: %s", log).hasSize(1);
    }

    @Test
    void everyRequestLeavesOneLogLineWithItsCorrelationId() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        java.util.regex.Pattern line = java.util.regex.Pattern.compile(
                "POST /api/v1.0/consumer/conversation/create 200 \\d+ms correlation-id=log-line-check-1");
        try (TestServer server = new TestServer(settings -> settings.requestLog(true))) {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            String correlationId = server.dev().withHeader("x-ms-correlation-id", "log-line-check-1")
                    .create("{}").correlationId();
            assertThat(correlationId).isEqualTo("log-line-check-1");
            // the line is written by the logging thread, a moment after the response
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!line.matcher(captured.toString(StandardCharsets.UTF_8)).find() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            System.setErr(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).containsPattern(line)
                .containsPattern("\\[[^\\]]+\\] INFO io\\.github\\.ccmessaging\\.server\\.requests - POST ");
    }

    @Test
    void requestLatencyHistogramHasTheFixedBuckets() throws Exception {
        try (TestServer server = new TestServer()) {
            server.dev().newConversation();
            String body = metricsOnceTheyShow(server.baseUri(), "conversation/create").body();
            for (java.time.Duration bucket : Metrics.REQUEST_BUCKETS) {
                String le = Double.toString(bucket.toNanos() / 1e9);
                assertThat(body).containsPattern("http_server_requests_seconds_bucket\\{[^}]*"
                        + "uri=\"/api/v1.0/consumer/conversation/create\",le=\"" + java.util.regex.Pattern.quote(le)
                        + "\"} [01]");
            }
            assertThat(body).contains("le=\"+Inf\"} 1")
                    .doesNotContain("store_operation_seconds_bucket");
        }
    }

    @Test
    void classPathEqualsThePathGeneratedFromTheSpec() {
        assertThat(OperationsResource.class.getAnnotation(Path.class).value())
                .isEqualTo(OperationsApi.class.getAnnotation(Path.class).value());
    }
}
