package io.github.ccmessaging.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ccmessaging.server.ApiCalls;
import io.github.ccmessaging.server.ApiCalls.Reply;
import io.github.ccmessaging.server.SpecDocument;
import io.github.ccmessaging.server.TestServer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The paths of the OpenAPI document answer only the methods it gives them: any other gets 405 as problem details,
 * with {@code Allow}; and the paths and headers of older or contradicting pages, which the document records as not
 * served, are not.
 */
class DocumentedPathsTest {
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private TestServer server;
    private ApiCalls api;

    @BeforeEach
    void start() {
        server = new TestServer();
        api = server.dev();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** One method a documented path does not have. */
    private record Undeclared(String template, String method, Set<String> declared) {
    }

    private static List<Undeclared> undeclaredMethods() {
        List<Undeclared> undeclared = new ArrayList<>();
        SpecDocument.messaging().path("paths").fields().forEachRemaining(path -> {
            Set<String> declared = new TreeSet<>();
            path.getValue().fieldNames().forEachRemaining(m -> declared.add(m.toUpperCase(Locale.ROOT)));
            declared.retainAll(METHODS);
            METHODS.stream().filter(m -> !declared.contains(m))
                    .forEach(m -> undeclared.add(new Undeclared(path.getKey(), m, declared)));
        });
        return undeclared;
    }

    @TestFactory
    Stream<DynamicTest> everyOtherMethodOfADocumentedPathIs405WithProblemDetails() {
        List<Undeclared> undeclared = undeclaredMethods();
        assertThat(undeclared).extracting(u -> u.method() + " " + u.template()).contains(
                "GET /api/v1.0/consumer/conversation/create", "DELETE /api/v1.0/consumer/conversation/{conversationId}",
                "POST /api/v1.0/consumer/conversations", "PUT /api/v1.0/consumer/conversation/{conversationId}/messages",
                "PATCH /api/v1.0/consumer/conversation/{conversationId}/context");
        return undeclared.stream().map(u -> dynamicTest(u.method() + " " + u.template(), () -> {
            String conversation = api.newConversation();
            String path = u.template().replace("{conversationId}", conversation)
                    .replace("{channelId}", TestServer.DEV.channelId())
                    .replace("{document}", "messaging-api.yaml").replace("{asset}", "swagger-ui.css")
                    .replaceAll("\\{[^}]+}", "00000000-0000-4000-8000-000000000000");
            Reply reply = api.call(u.method(), path, u.method().equals("GET") || u.method().equals("DELETE")
                    ? null : "{}");

            assertThat(reply.status()).as(reply.body()).isEqualTo(405);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            JsonNode problem = reply.json();
            assertThat(problem.get("status").asInt()).isEqualTo(405);
            assertThat(problem.get("title").asText()).isEqualTo("Method Not Allowed");
            assertThat(reply.correlationId()).isNotBlank();
            List<String> allow = reply.headers().getOrDefault("allow", List.of()).stream()
                    .flatMap(value -> Arrays.stream(value.split(","))).map(String::trim)
                    .filter(METHODS::contains).toList();
            assertThat(allow).as("Allow").containsExactlyInAnyOrderElementsOf(u.declared());
        }));
    }

    @Nested
    class NotServed {
        @Test
        void thePluralCreatePathOfOlderPages() {
            Reply reply = api.post("/api/v1.0/consumer/conversations/create", "{}");
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(api.get("/api/v1.0/consumer/conversations").json().get("conversations")).isEmpty();
        }

        @Test
        void theContextsPathOfThePageTitle() {
            Reply reply = api.get("/api/v1.0/consumer/conversation/" + api.newConversation() + "/contexts");
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }

        @Test
        void theXmsHeaderNamesOfAnOlderPage() {
            Reply reply = api.withHeader("channel-id", null).withHeader("organization-id", null)
                    .withHeader("x-ms-channel-id", TestServer.DEV.channelId())
                    .withHeader("x-ms-organization-id", TestServer.DEV.organizationId())
                    .create("{}");
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.errorCode()).isEqualTo(30002);
        }
    }
}
