package io.github.ccmessaging.server.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ccmessaging.server.ApiCalls;
import io.github.ccmessaging.server.ApiCalls.Reply;
import io.github.ccmessaging.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Fault rules of the consumer API, seen from the outside: what a faulted request gets and what it leaves behind. */
class FaultInjectionTest {
    static final String SEND = "/api/v1.0/consumer/conversation/{conversationId}";
    static final String CREATE = "/api/v1.0/consumer/conversation/create";

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

    static Reply addRule(ApiCalls calls, String rule) {
        return calls.post("/emulator/faults", rule);
    }

    private String addedRule(String rule) {
        Reply reply = addRule(api, rule);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("id").asText();
    }

    private JsonNode rules(ApiCalls calls) {
        Reply reply = calls.get("/emulator/faults");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("rules");
    }

    private int storedActivities(String conversation) {
        return api.transcript(conversation).size();
    }

    private static String statusRule(String method, String path, int status, String more) {
        return "{\"match\":{\"method\":\"" + method + "\",\"path\":\"" + path + "\"},\"fault\":{\"type\":\"status\","
                + "\"status\":" + status + more + "}}";
    }

    /** A rule for the sends of activities: {@code fault} as JSON, then the rule's other members. */
    private static String faultOfSends(String fault, String more) {
        return "{\"match\":{\"method\":\"POST\",\"path\":\"" + SEND + "\"},\"fault\":" + fault + more + "}";
    }

    @Nested
    class StatusFaults {
        @Test
        void aRateLimitedSendIsAnswered429WithRetryAfterAndTheDocumentedProblem() {
            String conversation = api.newConversation();
            addedRule(statusRule("POST", SEND, 429, ",\"retryAfterSeconds\":7"));

            Reply reply = api.withHeader("x-ms-correlation-id", "my-call-1").message(conversation, "Hello");

            assertThat(reply.status()).isEqualTo(429);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.headers().get("retry-after")).containsExactly("7");
            assertThat(reply.correlationId()).isEqualTo("my-call-1");
            assertThat(reply.json().get("status").asInt()).isEqualTo(429);
            assertThat(reply.json().get("title").asText()).isEqualTo("Too Many Requests");
            assertThat(reply.json().get("correlationId").asText()).isEqualTo("my-call-1");
            assertThat(reply.json().has("errorCode")).as("429 has no documented error code").isFalse();
        }

        @Test
        void aFaultedSendStoresNothingAndItsRetryIsStoredOnce() {
            String conversation = api.newConversation();
            addedRule(faultOfSends("{\"type\":\"status\",\"status\":503}", ",\"times\":1"));
            String activity = "{\"type\":\"message\",\"id\":\"retried-1\",\"text\":\"Hello\"}";

            Reply refused = api.send(conversation, activity);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.headers().get("retry-after")).containsExactly("1");
            assertThat(storedActivities(conversation)).as("a 503 stores nothing").isZero();

            Reply first = api.send(conversation, activity);
            Reply again = api.send(conversation, activity);
            assertThat(first.status()).isEqualTo(200);
            assertThat(again.messageId()).isEqualTo(first.messageId());
            assertThat(storedActivities(conversation)).as("the retried activity id is stored once").isEqualTo(1);
        }

        @Test
        void aFaultedCreateCreatesNoConversation() {
            addedRule(statusRule("POST", CREATE, 500, ",\"errorCode\":30015"));

            Reply reply = api.create("{\"customercontext\":{\"customerid\":\"c-1\"}}");

            assertThat(reply.status()).isEqualTo(500);
            assertThat(reply.errorCode()).isEqualTo(30015);
            assertThat(reply.headers()).doesNotContainKey("retry-after");
            assertThat(api.get("/api/v1.0/consumer/conversations").json().get("conversations")).isEmpty();
        }

        @Test
        void aRuleFiresForItsNextTimesRequestsOnlyAndCountsThem() {
            String conversation = api.newConversation();
            addedRule(faultOfSends("{\"type\":\"status\",\"status\":429}", ",\"times\":2"));

            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                statuses.add(api.message(conversation, "m" + i).status());
            }

            assertThat(statuses).containsExactly(429, 429, 200, 200);
            JsonNode rule = rules(api).get(0);
            assertThat(rule.get("matched").asLong()).isEqualTo(4);
            assertThat(rule.get("fired").asLong()).isEqualTo(2);
            assertThat(rule.get("remaining").asInt()).isZero();
        }

        @Test
        void aProbabilityWithASeedFaultsTheSameRequestsOnEveryRun() {
            String rule = "{\"match\":{\"path\":\"" + CREATE + "\"},\"fault\":{\"type\":\"status\",\"status\":503},"
                    + "\"probability\":0.5,\"seed\":42}";
            List<Integer> firstRun = new ArrayList<>();
            List<Integer> secondRun = new ArrayList<>();
            for (List<Integer> run : List.of(firstRun, secondRun)) {
                server.server().reset();
                addedRule(rule);
                for (int i = 0; i < 30; i++) {
                    run.add(api.create("{}").status());
                }
            }
            assertThat(firstRun).isEqualTo(secondRun).contains(200, 503);
            assertThat(rules(api).get(0).get("fired").asInt()).isEqualTo((int) firstRun.stream()
                    .filter(s -> s == 503).count());
        }
    }

    @Nested
    class Matching {
        @Test
        void aRuleMatchesItsMethodAndPathOnly() {
            String conversation = api.newConversation();
            addedRule(statusRule("GET", "/api/v1.0/consumer/conversation/{conversationId}/messages", 503, ""));

            assertThat(api.get("/api/v1.0/consumer/conversation/" + conversation + "/messages").status())
                    .isEqualTo(503);
            assertThat(api.get("/api/v1.0/consumer/conversation/" + conversation + "/context").status())
                    .isEqualTo(200);
            assertThat(api.message(conversation, "Hello").status()).isEqualTo(200);
        }

        @Test
        void aRuleOfOneConversationLeavesTheOthersAlone() {
            String faulted = api.newConversation();
            String other = api.newConversation();
            addedRule("{\"match\":{\"conversationId\":\"" + faulted.toUpperCase() + "\"},"
                    + "\"fault\":{\"type\":\"status\",\"status\":429}}");

            assertThat(api.message(faulted, "Hello").status()).isEqualTo(429);
            assertThat(api.message(other, "Hello").status()).isEqualTo(200);
        }

        @Test
        void anotherChannelNeitherSeesNorTriggersTheRules() {
            ApiCalls other = server.as(TestServer.OTHER);
            String ruleId = addedRule(statusRule("POST", CREATE, 503, ""));

            assertThat(other.create("{}").status()).isEqualTo(200);
            assertThat(rules(other)).isEmpty();
            assertThat(other.delete("/emulator/faults/" + ruleId).status()).isEqualTo(404);
            other.delete("/emulator/faults");
            assertThat(rules(api)).hasSize(1);
            assertThat(rules(api).get(0).get("matched").asInt()).isZero();
            assertThat(api.create("{}").status()).isEqualTo(503);
        }

        @Test
        void aRequestWithAWrongTokenGets401AndDoesNotTriggerTheRule() {
            addedRule(statusRule("POST", CREATE, 503, ""));

            assertThat(api.withHeader("Authorization", "Bearer wrong").create("{}").status()).isEqualTo(401);
            assertThat(rules(api).get(0).get("matched").asInt()).isZero();
        }

        @Test
        void theEmulatorsOwnEndpointsAreNeverFaulted() {
            String conversation = api.newConversation();
            addedRule("{\"match\":{\"conversationId\":\"" + conversation + "\"},"
                    + "\"fault\":{\"type\":\"closeConnection\"}}");

            assertThat(api.get("/emulator/conversations/" + conversation + "/transcript").status()).isEqualTo(200);
            assertThat(api.get("/emulator/faults").status()).isEqualTo(200);
            assertThat(api.get("/health").status()).isEqualTo(200);
        }
    }

    @Nested
    class ConnectionFaults {
        @Test
        void aClosedConnectionGivesNoAnswerAndStoresNothing() {
            String conversation = api.newConversation();
            addedRule(faultOfSends("{\"type\":\"closeConnection\"}", ",\"times\":1"));

            assertThatThrownBy(() -> api.message(conversation, "Hello")).isInstanceOf(UncheckedIOException.class);
            assertThat(storedActivities(conversation)).isZero();
            assertThat(api.message(conversation, "Hello").status()).as("the server still serves").isEqualTo(200);
        }

        @Test
        void aCutAnswerAnnouncesMoreThanItSendsThenCloses() throws IOException {
            String conversation = api.newConversation();
            addedRule(faultOfSends("{\"type\":\"cutAnswer\"}", ""));

            String answer = rawPost(server, "/api/v1.0/consumer/conversation/" + conversation,
                    "{\"type\":\"message\",\"text\":\"Hello\"}");

            assertThat(answer).startsWith("HTTP/1.1 200");
            int contentLength = Integer.parseInt(answer.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
            String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
            assertThat(body.length()).isPositive().isLessThan(contentLength);
            assertThat(storedActivities(conversation)).isZero();
        }

        @Test
        void aDelayedRequestIsServedAfterItsDelay() {
            String conversation = api.newConversation();
            addedRule("{\"match\":{\"method\":\"POST\",\"path\":\"" + SEND + "\"},"
                    + "\"fault\":{\"type\":\"delay\",\"delayMillis\":1500}}");

            long started = System.nanoTime();
            Reply reply = api.message(conversation, "Hello");
            long tookMillis = (System.nanoTime() - started) / 1_000_000;

            assertThat(reply.status()).isEqualTo(200);
            assertThat(tookMillis).isGreaterThanOrEqualTo(1450);
            assertThat(storedActivities(conversation)).isEqualTo(1);
        }

        @Test
        void aRandomDelayStaysWithinItsBounds() {
            addedRule("{\"match\":{\"path\":\"" + CREATE + "\"},"
                    + "\"fault\":{\"type\":\"delay\",\"delayMillis\":300,\"maxDelayMillis\":600},\"seed\":7}");
            for (int i = 0; i < 3; i++) {
                long started = System.nanoTime();
                assertThat(api.create("{}").status()).isEqualTo(200);
                assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(290);
            }
        }
    }

    @Nested
    class TheRulesApi {
        @Test
        void listsTheRulesInOrderWithWhatTheyAre() {
            String first = addedRule(faultOfSends("{\"type\":\"status\",\"status\":429,\"retryAfterSeconds\":3}",
                    ",\"times\":2"));
            String second = addedRule("{\"match\":{\"conversationId\":\"9a1c3c0e-52f7-4b5e-9c6a-3f2d1e0b8a77\"},"
                    + "\"fault\":{\"type\":\"delay\",\"delayMillis\":10,\"maxDelayMillis\":20},"
                    + "\"probability\":0.25,\"seed\":9}");

            JsonNode rules = rules(api);

            assertThat(rules).extracting(r -> r.get("id").asText()).containsExactly(first, second);
            assertThat(rules.get(0).get("fault").get("retryAfterSeconds").asInt()).isEqualTo(3);
            assertThat(rules.get(0).get("match").get("path").asText()).isEqualTo(SEND);
            assertThat(rules.get(0).get("remaining").asInt()).isEqualTo(2);
            assertThat(rules.get(1).get("probability").asDouble()).isEqualTo(0.25);
            assertThat(rules.get(1).get("seed").asLong()).isEqualTo(9);
            assertThat(rules.get(1).has("remaining")).as("no limit").isFalse();
            assertThat(rules.get(1).get("fault").get("maxDelayMillis").asInt()).isEqualTo(20);
        }

        @Test
        void removesOneRuleOrAll() {
            String first = addedRule(faultOfSends("{\"type\":\"closeConnection\"}", ""));
            String second = addedRule(faultOfSends("{\"type\":\"cutAnswer\"}", ""));

            assertThat(api.delete("/emulator/faults/" + first).status()).isEqualTo(204);
            assertThat(rules(api)).extracting(r -> r.get("id").asText()).containsExactly(second);
            Reply unknown = api.delete("/emulator/faults/" + first);
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.contentType()).startsWith("application/problem+json");

            assertThat(api.delete("/emulator/faults").status()).isEqualTo(204);
            assertThat(rules(api)).isEmpty();
            String conversation = api.newConversation();
            assertThat(api.message(conversation, "Hello").status()).isEqualTo(200);
        }

        @Test
        void aResetForgetsTheRules() {
            addedRule(faultOfSends("{\"type\":\"closeConnection\"}", ""));

            assertThat(api.delete("/emulator/state").status()).isEqualTo(204);

            assertThat(rules(api)).isEmpty();
        }

        @Test
        void aChannelHasAtMost100Rules() {
            for (int i = 0; i < 100; i++) {
                addedRule(faultOfSends("{\"type\":\"closeConnection\"}", ""));
            }
            Reply refused = addRule(api, faultOfSends("{\"type\":\"closeConnection\"}", ""));

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.errorCode()).isEqualTo(30003);
            assertThat(rules(api)).hasSize(100);
        }
    }

    @Nested
    class BadRules {
        private DynamicTest refused(String name, String rule, int errorCode) {
            return DynamicTest.dynamicTest(name, () -> {
                Reply reply = addRule(api, rule);
                assertThat(reply.status()).as(reply.body()).isEqualTo(400);
                assertThat(reply.contentType()).startsWith("application/problem+json");
                assertThat(reply.errorCode()).isEqualTo(errorCode);
                assertThat(rules(api)).as("nothing was added").isEmpty();
            });
        }

        @TestFactory
        Stream<DynamicTest> areRefusedWithTheDocumentedCode() {
            String sends = "\"match\":{\"method\":\"POST\"},";
            return Stream.of(
                    refused("no body", "", 30012),
                    refused("malformed JSON", "{\"fault\":", 30012),
                    refused("no fault", "{" + sends.substring(0, sends.length() - 1) + "}", 30012),
                    refused("an unknown fault type", "{" + sends + "\"fault\":{\"type\":\"explode\"}}", 30012),
                    refused("a status fault without status", "{" + sends + "\"fault\":{\"type\":\"status\"}}", 30012),
                    refused("a status outside the documented set",
                            "{" + sends + "\"fault\":{\"type\":\"status\",\"status\":404}}", 30012),
                    refused("Retry-After on a 500", "{" + sends + "\"fault\":{\"type\":\"status\",\"status\":500,"
                            + "\"retryAfterSeconds\":1}}", 30012),
                    refused("an error code on a 429", "{" + sends + "\"fault\":{\"type\":\"status\",\"status\":429,"
                            + "\"errorCode\":30015}}", 30012),
                    refused("an undocumented error code", "{" + sends + "\"fault\":{\"type\":\"status\","
                            + "\"status\":500,\"errorCode\":30013}}", 30012),
                    refused("a Retry-After of a day", "{" + sends + "\"fault\":{\"type\":\"status\",\"status\":429,"
                            + "\"retryAfterSeconds\":86400}}", 30012),
                    refused("a delay without delayMillis", "{" + sends + "\"fault\":{\"type\":\"delay\"}}", 30012),
                    refused("a negative delay", "{" + sends + "\"fault\":{\"type\":\"delay\",\"delayMillis\":-1}}",
                            30012),
                    refused("a random delay whose most is less than its least", "{" + sends + "\"fault\":{\"type\":"
                            + "\"delay\",\"delayMillis\":500,\"maxDelayMillis\":100}}", 30012),
                    refused("a delay on a closed connection", "{" + sends + "\"fault\":{\"type\":\"closeConnection\","
                            + "\"delayMillis\":5}}", 30012),
                    refused("a webhook fault matching a path", "{\"match\":{\"path\":\"" + CREATE + "\"},"
                            + "\"fault\":{\"type\":\"repeatDelivery\"}}", 30012),
                    refused("times 0", "{" + sends + "\"fault\":{\"type\":\"closeConnection\"},\"times\":0}", 30012),
                    refused("probability 0", "{" + sends + "\"fault\":{\"type\":\"closeConnection\"},"
                            + "\"probability\":0}", 30012),
                    refused("probability above 1", "{" + sends + "\"fault\":{\"type\":\"closeConnection\"},"
                            + "\"probability\":1.5}", 30012),
                    refused("an unknown path", "{\"match\":{\"path\":\"/emulator/faults\"},"
                            + "\"fault\":{\"type\":\"closeConnection\"}}", 30012),
                    refused("an unknown method", "{\"match\":{\"method\":\"DELETE\"},"
                            + "\"fault\":{\"type\":\"closeConnection\"}}", 30012),
                    refused("a malformed conversation id", "{\"match\":{\"conversationId\":\"42\"},"
                            + "\"fault\":{\"type\":\"closeConnection\"}}", 30012),
                    refused("a rule that would match every request", "{\"fault\":{\"type\":\"status\","
                            + "\"status\":503}}", 30003),
                    refused("an empty match", "{\"match\":{},\"fault\":{\"type\":\"closeConnection\"}}", 30003));
        }
    }

    /** A POST over a plain socket, returning every byte the server sent until it closed the connection. */
    static String rawPost(TestServer server, String path, String body) throws IOException {
        try (Socket socket = new Socket(server.baseUri().getHost(), server.baseUri().getPort())) {
            socket.setSoTimeout(10_000);
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + TestServer.DEV.token() + "\r\nchannel-id: " + TestServer.DEV.channelId()
                    + "\r\norganization-id: " + TestServer.DEV.organizationId()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + content.length + "\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            in.transferTo(received);
            return received.toString(StandardCharsets.UTF_8);
        }
    }
}
