package io.github.ccmessaging.client.webhook;

import static io.github.ccmessaging.client.webhook.WebhookReceiverTest.AGENT_MESSAGE;
import static io.github.ccmessaging.client.webhook.WebhookReceiverTest.CONVERSATION;
import static io.github.ccmessaging.client.webhook.WebhookReceiverTest.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The receiver mounted in a real JDK HTTP server at {@code /webhook}, called with the JDK HTTP client. */
class WebhookHttpHandlerTest {

    private static final String ACTIVITIES = "/webhook/v3/conversations/" + CONVERSATION + "/activities";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();
    private final List<ReceivedActivity> received = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        mount(received::add, WebhookReceiver.builder().bearerToken(TOKEN).maxBodyBytes(4096).build());
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private void mount(Consumer<ReceivedActivity> consumer, WebhookReceiver receiver) {
        server.createContext("/webhook", receiver.httpHandler(consumer));
    }

    private HttpResponse<String> post(String path, String authorization, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + server.getAddress().getPort() + path);
    }

    @Test
    void anActivityIsHandedToTheConsumerAndAnswered200WithAnEmptyObject() throws Exception {
        HttpResponse<String> response = post(ACTIVITIES, "Bearer " + TOKEN, AGENT_MESSAGE);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{}");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(received).singleElement().satisfies(activity -> {
            assertThat(activity.conversationId()).isEqualTo(CONVERSATION);
            assertThat(activity.activity().getText()).isEqualTo("hello");
        });
    }

    @Test
    void aWrongTokenIsAnswered401WithAChallengeAndNothingReachesTheConsumer() throws Exception {
        HttpResponse<String> response = post(ACTIVITIES, "Bearer wrong", AGENT_MESSAGE);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("status").intValue()).isEqualTo(401);
        assertThat(problem.get("title").asText()).isEqualTo("Unauthorized");
        assertThat(received).isEmpty();
    }

    @Test
    void aMissingTokenIsAnswered401() throws Exception {
        assertThat(post(ACTIVITIES, null, AGENT_MESSAGE).statusCode()).isEqualTo(401);
        assertThat(received).isEmpty();
    }

    @Test
    void anotherMethodIsAnswered405WithAllowPost() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(ACTIVITIES))
                .header("Authorization", "Bearer " + TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
        assertThat(received).isEmpty();
    }

    @Test
    void malformedJsonIsAnswered400WithTheReason() throws Exception {
        HttpResponse<String> response = post(ACTIVITIES, "Bearer " + TOKEN, "{\"type\":");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("detail").asText()).contains("not JSON");
        assertThat(received).isEmpty();
    }

    @Test
    void anotherPathUnderTheContextIsAnswered400() throws Exception {
        HttpResponse<String> response = post("/webhook/v3/conversations/" + CONVERSATION, "Bearer " + TOKEN,
                AGENT_MESSAGE);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(received).isEmpty();
    }

    @Test
    void aBodyLongerThanTheLimitIsAnswered413() throws Exception {
        String body = "{\"type\":\"message\",\"text\":\"" + "x".repeat(5000) + "\"}";

        HttpResponse<String> response = post(ACTIVITIES, "Bearer " + TOKEN, body);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(received).isEmpty();
    }

    @Test
    void aFailingConsumerIsAnswered500SoThatTheSenderRetries() throws Exception {
        server.removeContext("/webhook");
        mount(activity -> {
            throw new IllegalStateException("database down");
        }, WebhookReceiver.builder().bearerToken(TOKEN).build());

        HttpResponse<String> response = post(ACTIVITIES, "Bearer " + TOKEN, AGENT_MESSAGE);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("database down");
    }

    @Test
    void successiveDeliveriesOnOneConnectionAreAllReceivedInOrder() throws Exception {
        for (int i = 1; i <= 3; i++) {
            String body = "{\"type\":\"message\",\"id\":\"174532320000" + i + "\",\"text\":\"m" + i + "\"}";
            assertThat(post(ACTIVITIES, "Bearer " + TOKEN, body).statusCode()).isEqualTo(200);
        }

        assertThat(received).extracting(r -> r.activity().getText()).containsExactly("m1", "m2", "m3");
    }
}
