package io.github.ccmessaging.server.pact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ccmessaging.server.ApiCalls;
import io.github.ccmessaging.server.ApiCalls.Reply;
import io.github.ccmessaging.server.ServerSettings;
import io.github.ccmessaging.server.TestServer;
import io.github.ccmessaging.server.WebhookReceiver;
import io.github.ccmessaging.server.channel.Channel;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The catalogue of Pact provider states, set up through the state change URL as a Pact verifier calls it. */
class ProviderStatesTest {
    static final String STATES = "/emulator/pact/provider-states";
    static final String ID = "9a1c3c0e-52f7-4b5e-9c6a-3f2d1e0b8a77";

    private WebhookReceiver webhook;
    private TestServer server;
    private ApiCalls api;

    @BeforeEach
    void start() {
        webhook = new WebhookReceiver();
        Channel dev = new Channel(ServerSettings.DEV_CHANNEL_ID, ServerSettings.DEV_ORGANIZATION_ID,
                ServerSettings.DEV_TOKEN, webhook.baseUrl(), null);
        server = new TestServer(settings -> { }, dev, TestServer.OTHER);
        api = server.dev();
    }

    @AfterEach
    void stop() {
        server.close();
        webhook.close();
    }

    private Reply change(ApiCalls calls, String state, String params, String action) {
        return calls.post(STATES, "{\"state\":\"" + state + "\",\"params\":" + params + ",\"action\":\"" + action + "\"}");
    }

    private JsonNode setUp(String state, String params) {
        Reply reply = change(api, state, params, "setup");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.contentType()).as("Pact JVM reads injected values from application/json only")
                .isEqualTo("application/json");
        return reply.json();
    }

    private JsonNode transcript(String conversation) {
        Reply reply = api.get("/emulator/conversations/" + conversation + "/transcript");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    @Nested
    class Catalogue {
        @Test
        void aConversationExistsWithTheGivenId() {
            JsonNode values = setUp("a conversation exists", "{\"conversationId\":\"" + ID.toUpperCase() + "\"}");

            assertThat(values.get("conversationId").asText()).isEqualTo(ID);
            assertThat(api.message(ID, "Hello").status()).isEqualTo(200);
        }

        @Test
        void aConversationExistsWithANewIdWhenNoneIsGiven() {
            String id = setUp("a conversation exists", "{}").get("conversationId").asText();

            assertThat(id).isNotEqualTo(ID);
            assertThat(transcript(id).get("open").asBoolean()).isTrue();
        }

        @Test
        void aConversationExistsWithItsContextAndTheCustomersMessage() {
            setUp("a conversation exists", "{\"conversationId\":\"" + ID + "\",\"customerMessage\":\"Hi there\","
                    + "\"context\":{\"orderNumber\":{\"value\":\"A-1001\",\"isDisplayable\":true},\"vip\":true}}");

            JsonNode messages = api.get("/api/v1.0/consumer/conversation/" + ID + "/messages").json().get("messages");
            assertThat(messages).hasSize(1);
            assertThat(messages.get(0).get("text").asText()).isEqualTo("Hi there");
            JsonNode context = api.get("/api/v1.0/consumer/conversation/" + ID + "/context").json().get("context");
            assertThat(context.toString()).contains("\"orderNumber\"", "\"A-1001\"", "\"vip\"");
        }

        @Test
        void aConversationIsMadeAnewWhenItsIdIsUsedAgain() {
            setUp("a conversation exists", "{\"conversationId\":\"" + ID + "\"}");
            api.message(ID, "from an earlier interaction");
            setUp("the conversation is closed", "{\"conversationId\":\"" + ID + "\"}");

            setUp("a conversation exists", "{\"conversationId\":\"" + ID + "\"}");

            assertThat(transcript(ID).get("open").asBoolean()).isTrue();
            assertThat(transcript(ID).get("activities")).isEmpty();
        }

        @Test
        void theConversationIsClosed() {
            setUp("the conversation is closed", "{\"conversationId\":\"" + ID + "\"}");

            Reply reply = api.message(ID, "Hello?");
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.errorCode()).isEqualTo(30013);
        }

        @Test
        void theRepresentativeHasSentAMessageThatReachedTheWebhook() throws InterruptedException {
            JsonNode values = setUp("the representative has sent a message",
                    "{\"conversationId\":\"" + ID + "\",\"text\":\"It ships today.\"}");

            String messageId = values.get("messageId").asText();
            assertThat(messageId).matches("[0-9]{13}");
            assertThat(api.send(ID, "{\"type\":\"event\",\"name\":\"MessageRead\",\"value\":{\"messageId\":\""
                    + messageId + "\"}}").status()).as("the message can be read").isEqualTo(200);
            JsonNode delivered = webhook.take(1).get(0).activity();
            assertThat(delivered.get("text").asText()).isEqualTo("It ships today.");
            assertThat(delivered.get("id").asText()).isEqualTo(messageId);
        }

        @Test
        void theCustomerHasAConversationThatACreateContinues() {
            JsonNode values = setUp("the customer has a conversation", "{\"customerId\":\"c-77\"}");

            Reply create = api.create("{\"customercontext\":{\"customerid\":\"c-77\"}}");
            assertThat(create.json().get("isNew").asBoolean()).isFalse();
            assertThat(create.json().get("conversationId").asText()).isEqualTo(values.get("conversationId").asText());
            assertThat(values.get("customerId").asText()).isEqualTo("c-77");
        }

        @Test
        void anotherConversationWasCreatedAfterIt() {
            String first = setUp("a conversation exists", "{}").get("conversationId").asText();
            String later = setUp("another conversation was created after it", "{}").get("laterConversationId").asText();

            JsonNode page = api.get("/api/v1.0/consumer/conversations?ContinuationToken=" + first).json();
            assertThat(page.get("conversations")).extracting(c -> c.get("conversationid").asText())
                    .containsExactly(later);
        }

        @TestFactory
        Stream<DynamicTest> theFaultStatesAnswerEveryRequestUntilTornDownOrTheirTimes() {
            return Stream.of(new Object[] {"the API is rate limited", 429}, new Object[] {"the API is unavailable", 503},
                    new Object[] {"the API fails", 500}).map(c -> dynamicTest((String) c[0], () -> {
                        server.server().reset();
                        boolean retryLater = !c[1].equals(500);
                        JsonNode values = setUp((String) c[0], retryLater ? "{\"retryAfterSeconds\":2}" : "{}");
                        assertThat(values.get("ruleId").asText()).isNotBlank();
                        Reply faulted = api.create("{}");
                        assertThat(faulted.status()).isEqualTo(c[1]);
                        if (retryLater) {
                            assertThat(faulted.headers().get("retry-after")).containsExactly("2");
                        }
                        assertThat(api.create("{}").status()).as("a retry, until teardown").isEqualTo(c[1]);
                        assertThat(change(api, (String) c[0], "{}", "teardown").status()).isEqualTo(200);
                        assertThat(api.create("{}").status()).as("after teardown").isEqualTo(200);

                        setUp((String) c[0], "{\"times\":1}");
                        assertThat(api.create("{}").status()).as("the next request").isEqualTo(c[1]);
                        assertThat(api.create("{}").status()).as("the next request only").isEqualTo(200);
                        setUp((String) c[0], "{\"times\":5}");
                        assertThat(change(api, (String) c[0], "{}", "teardown").status()).isEqualTo(200);
                        assertThat(api.get("/emulator/faults").json().get("rules")).isEmpty();
                        assertThat(api.create("{}").status()).isEqualTo(200);
                    }));
        }

        @Test
        void aFaultStateNarrowedToOnePath() {
            setUp("the API is rate limited", "{\"method\":\"POST\",\"path\":\"/api/v1.0/consumer/conversation/create\"}");

            assertThat(api.get("/api/v1.0/consumer/conversations").status()).isEqualTo(200);
            assertThat(api.create("{}").status()).isEqualTo(429);
        }

        @Test
        void anEmptyStateAndATeardownChangeNothing() {
            assertThat(setUp("", "{}").size()).isZero();
            assertThat(change(api, "a conversation exists", "{}", "teardown").json().size()).isZero();
            assertThat(api.get("/api/v1.0/consumer/conversations").json().get("conversations")).isEmpty();
        }

        @Test
        void withoutActionItIsASetUp() {
            Reply reply = api.post(STATES, "{\"state\":\"a conversation exists\",\"consumer\":\"my-channel\"}");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().get("conversationId").asText()).matches("[0-9a-f-]{36}");
        }
    }

    @Nested
    class BadRequests {
        @TestFactory
        Stream<DynamicTest> areRefusedWithTheDocumentedCode() {
            String taken = server.as(TestServer.OTHER).newConversation();
            return Stream.of(
                    new Object[] {"an unknown state", "{\"state\":\"the moon is full\"}", 30003},
                    new Object[] {"no state", "{\"params\":{}}", 30012},
                    new Object[] {"an unknown action", "{\"state\":\"a conversation exists\",\"action\":\"undo\"}", 30012},
                    new Object[] {"a malformed conversation id",
                            "{\"state\":\"a conversation exists\",\"params\":{\"conversationId\":\"42\"}}", 30005},
                    new Object[] {"another channel's conversation id",
                            "{\"state\":\"a conversation exists\",\"params\":{\"conversationId\":\"" + taken + "\"}}",
                            30005},
                    new Object[] {"a blank message text",
                            "{\"state\":\"the representative has sent a message\",\"params\":{\"text\":\" \"}}", 30016},
                    new Object[] {"a context that is no object",
                            "{\"state\":\"a conversation exists\",\"params\":{\"context\":[1]}}", 30012},
                    new Object[] {"times that is no number",
                            "{\"state\":\"the API is rate limited\",\"params\":{\"times\":\"often\"}}", 30012},
                    new Object[] {"an unknown path",
                            "{\"state\":\"the API fails\",\"params\":{\"path\":\"/somewhere\"}}", 30012},
                    new Object[] {"malformed JSON", "{\"state\":", 30012}
            ).map(c -> dynamicTest((String) c[0], () -> {
                Reply reply = api.post(STATES, (String) c[1]);
                assertThat(reply.status()).as(reply.body()).isEqualTo(400);
                assertThat(reply.contentType()).startsWith("application/problem+json");
                assertThat(reply.errorCode()).isEqualTo(c[2]);
            }));
        }

        @Test
        void anUnknownStateNamesTheCatalogue() {
            Reply reply = api.post(STATES, "{\"state\":\"the moon is full\"}");

            assertThat(reply.json().get("detail").asText()).contains(ProviderStates.CATALOGUE);
        }

        @Test
        void aStateNeedsTheChannelsToken() {
            Reply reply = api.withHeader("Authorization", "Bearer wrong").post(STATES,
                    "{\"state\":\"a conversation exists\"}");

            assertThat(reply.status()).isEqualTo(401);
        }
    }
}
