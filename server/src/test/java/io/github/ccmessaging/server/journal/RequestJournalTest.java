package io.github.ccmessaging.server.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ccmessaging.server.ApiCalls;
import io.github.ccmessaging.server.ApiCalls.Reply;
import io.github.ccmessaging.server.TestServer;
import io.github.ccmessaging.server.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** {@code GET /emulator/requests}: what each channel sent to the consumer API, as a test suite asserts on it. */
class RequestJournalTest {
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

    private JsonNode journal(ApiCalls calls, String query) {
        Reply reply = calls.get("/emulator/requests" + query);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("requests");
    }

    private JsonNode journal() {
        return journal(api, "");
    }

    @Nested
    class WhatItShows {
        @Test
        void everyRequestWithItsAnswerNewestFirst() {
            Reply created = api.withHeader("x-ms-correlation-id", "create-1")
                    .create("{\"customercontext\":{\"customerid\":\"c-1\"}}");
            String conversation = created.json().get("conversationId").asText();
            api.send(conversation, "{\"type\":\"message\"}");

            JsonNode requests = journal();

            assertThat(requests).hasSize(2);
            JsonNode refused = requests.get(0);
            assertThat(refused.get("method").asText()).isEqualTo("POST");
            assertThat(refused.get("path").asText()).isEqualTo("/api/v1.0/consumer/conversation/" + conversation);
            assertThat(refused.get("conversationId").asText()).isEqualTo(conversation);
            assertThat(refused.get("body").asText()).isEqualTo("{\"type\":\"message\"}");
            assertThat(refused.get("status").asInt()).isEqualTo(400);
            assertThat(refused.get("errorCode").asInt()).isEqualTo(30016);
            JsonNode create = requests.get(1);
            assertThat(create.get("path").asText()).isEqualTo("/api/v1.0/consumer/conversation/create");
            assertThat(create.get("conversationId").asText()).as("a create is about the conversation it returned")
                    .isEqualTo(conversation);
            assertThat(create.get("status").asInt()).isEqualTo(200);
            assertThat(create.has("errorCode")).isFalse();
            assertThat(create.get("correlationId").asText()).isEqualTo("create-1");
            assertThat(create.get("headers").get("channel-id").asText()).isEqualTo(TestServer.DEV.channelId());
            assertThat(create.get("headers").get("content-type").asText()).startsWith("application/json");
            assertThat(create.get("time").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{7}Z");
        }

        @Test
        void theQueryStringAndAGetWithoutBody() {
            api.get("/api/v1.0/consumer/conversations?PageSize=5");

            JsonNode request = journal().get(0);

            assertThat(request.get("method").asText()).isEqualTo("GET");
            assertThat(request.get("path").asText()).isEqualTo("/api/v1.0/consumer/conversations?PageSize=5");
            assertThat(request.has("body")).isFalse();
        }

        @Test
        void onlyTheConsumerApiAndOnlyRequestsThatAuthenticated() {
            api.newConversation();
            api.get("/emulator/faults");
            api.withHeader("Authorization", "Bearer wrong-token").create("{}");
            api.get("/health");

            assertThat(journal()).hasSize(1);
        }

        @Test
        void aFaultedRequestWithTheRuleThatFaultedIt() {
            String ruleId = api.post("/emulator/faults", "{\"match\":{\"path\":\"/api/v1.0/consumer/conversation/"
                    + "create\"},\"fault\":{\"type\":\"status\",\"status\":429},\"times\":1}").json().get("id").asText();
            api.create("{\"customercontext\":{\"customerid\":\"c-9\"}}");

            JsonNode request = journal().get(0);

            assertThat(request.get("status").asInt()).isEqualTo(429);
            assertThat(request.get("faultRuleId").asText()).isEqualTo(ruleId);
            assertThat(request.get("body").asText()).isEqualTo("{\"customercontext\":{\"customerid\":\"c-9\"}}");
        }

        @Test
        void aBodyLongerThan65536CharactersIsCut() {
            String conversation = api.newConversation();
            api.message(conversation, "x".repeat(70_000));

            JsonNode request = journal().get(0);

            assertThat(request.get("bodyTruncated").asBoolean()).isTrue();
            assertThat(request.get("body").asText()).hasSize(65_536);
        }
    }

    @Nested
    class Filters {
        @Test
        void byConversationMethodAndStatus() {
            String first = api.newConversation();
            String second = api.newConversation();
            api.message(first, "one");
            api.message(second, "two");
            api.send(first, "{\"type\":\"message\"}");
            api.get("/api/v1.0/consumer/conversation/" + first + "/messages");

            assertThat(journal(api, "?conversationId=" + first)).hasSize(4);
            assertThat(journal(api, "?conversationId=" + first + "&method=POST")).hasSize(3);
            assertThat(journal(api, "?conversationId=" + first + "&method=POST&status=200")).hasSize(2);
            assertThat(journal(api, "?status=400")).hasSize(1);
            assertThat(journal(api, "?limit=2")).hasSize(2);
        }

        @TestFactory
        Stream<DynamicTest> malformedFiltersAreRefusedWithTheDocumentedCode() {
            return Stream.of(new Object[] {"?conversationId=nope", 30005}, new Object[] {"?method=PUT", 30012},
                    new Object[] {"?status=99", 30012}, new Object[] {"?status=abc", 30012},
                    new Object[] {"?limit=0", 30012}).map(c -> dynamicTest((String) c[0], () -> {
                        Reply reply = api.get("/emulator/requests" + c[0]);
                        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
                        assertThat(reply.contentType()).startsWith("application/problem+json");
                        assertThat(reply.errorCode()).isEqualTo(c[1]);
                    }));
        }
    }

    @Nested
    class Bounds {
        @Test
        void theOldestAreDroppedPastTheSize() {
            try (TestServer small = new TestServer(settings -> settings.journalSize(3))) {
                ApiCalls calls = small.dev();
                List<String> conversations = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    conversations.add(calls.newConversation());
                }
                Reply reply = calls.get("/emulator/requests");
                assertThat(reply.json().get("capacity").asInt()).isEqualTo(3);
                assertThat(reply.json().get("requests")).extracting(r -> r.get("conversationId").asText())
                        .containsExactly(conversations.get(4), conversations.get(3), conversations.get(2));
            }
        }

        @Test
        void offItAnswers404() {
            try (TestServer off = new TestServer(settings -> settings.journalSize(0))) {
                off.dev().newConversation();
                Reply reply = off.dev().get("/emulator/requests");
                assertThat(reply.status()).isEqualTo(404);
                assertThat(reply.contentType()).startsWith("application/problem+json");
            }
        }

        @Test
        void clearingForgetsTheChannelsRequestsOnly() {
            ApiCalls other = server.as(TestServer.OTHER);
            api.newConversation();
            other.newConversation();

            assertThat(api.delete("/emulator/requests").status()).isEqualTo(204);

            assertThat(journal()).isEmpty();
            assertThat(journal(other, "")).hasSize(1);
        }

        @Test
        void anotherChannelSeesOnlyItsOwn() {
            api.newConversation();
            server.as(TestServer.OTHER).newConversation();
            server.as(TestServer.OTHER).newConversation();

            assertThat(journal()).hasSize(1);
            assertThat(journal(server.as(TestServer.OTHER), "")).hasSize(2);
        }
    }

    @Nested
    class NeverShowsAToken {
        private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaGFubmVsIn0.c2lnbmF0dXJl";

        private String journalText() {
            return api.get("/emulator/requests").body();
        }

        private DynamicTest hidden(String name, String secret, Function<ApiCalls, Reply> request) {
            return dynamicTest(name, () -> {
                server.server().reset();
                request.apply(api);
                String text = journalText();
                assertThat(server.server()).isNotNull();
                assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(text).get("requests"))
                        .as("the request was journaled").isNotEmpty();
                assertThat(text).doesNotContain(secret).contains("[redacted]");
            });
        }

        @TestFactory
        Stream<DynamicTest> anywhereInTheRequest() {
            String token = TestServer.DEV.token();
            return Stream.of(
                    hidden("the Authorization header", token, calls -> calls.create("{}")),
                    hidden("another header carrying the token", token,
                            calls -> calls.withHeader("X-Forwarded-Token", "token=" + token).create("{}")),
                    hidden("a bearer token in another header", "some-upstream-token",
                            calls -> calls.withHeader("X-Upstream-Authorization", "Bearer some-upstream-token")
                                    .create("{}")),
                    hidden("a cookie", "session-secret",
                            calls -> calls.withHeader("Cookie", "session=session-secret").create("{}")),
                    hidden("the body", token, calls -> calls.message(calls.newConversation(), "my token is " + token)),
                    hidden("a JWT in the body", JWT, calls -> calls.message(calls.newConversation(), "jwt " + JWT)),
                    hidden("the query string", token,
                            calls -> calls.get("/api/v1.0/consumer/conversations?token=" + token)),
                    hidden("a faulted request", token, calls -> {
                        calls.post("/emulator/faults", "{\"match\":{\"method\":\"POST\"},\"fault\":{\"type\":"
                                + "\"status\",\"status\":503}}");
                        return calls.withHeader("X-Echo", token).create("{\"note\":\"" + token + "\"}");
                    }));
        }

        @Test
        void aChannelsWebhookTokenToo() {
            Channel withWebhook = new Channel("5ec0ffee-0000-4000-8000-000000000009",
                    TestServer.DEV.organizationId(), "third-channel-token", "http://127.0.0.1:9/hook",
                    "the-webhook-secret");
            try (TestServer third = new TestServer(settings -> { }, withWebhook)) {
                ApiCalls calls = third.as(withWebhook);
                calls.message(calls.newConversation(), "leaked the-webhook-secret");
                assertThat(calls.get("/emulator/requests").body()).doesNotContain("the-webhook-secret")
                        .doesNotContain("third-channel-token");
            }
        }
    }
}
