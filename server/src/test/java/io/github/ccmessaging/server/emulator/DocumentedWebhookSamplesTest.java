package io.github.ccmessaging.server.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ccmessaging.server.ApiCalls;
import io.github.ccmessaging.server.ApiCalls.Reply;
import io.github.ccmessaging.server.JsonShape;
import io.github.ccmessaging.server.ServerSettings;
import io.github.ccmessaging.server.SpecDocument;
import io.github.ccmessaging.server.TestServer;
import io.github.ccmessaging.server.WebhookReceiver;
import io.github.ccmessaging.server.channel.Channel;
import io.github.ccmessaging.server.webhook.WebhookPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * What the server sends to a webhook has the members of Microsoft's documented samples, with their JSON types, and
 * beside them only {@code id} and {@code timestamp} (project choices, see webhook-api.yaml). The samples are kept
 * verbatim in {@code src/test/resources/documented/webhook} (page {@code api-conversation-webhook.md}, "Sample
 * payloads"; the folder's README names each one's section).
 */
class DocumentedWebhookSamplesTest {
    private static final String SAMPLES = "documented/webhook/";
    /** The members a delivery carries beyond the documented samples. */
    private static final String[] PROJECT_MEMBERS = {"id", "timestamp"};
    private static final String AGENT = "{\"id\":\"agent-1\",\"name\":\"Alex\"}";

    private WebhookReceiver webhook;
    private TestServer server;
    private ApiCalls api;

    @BeforeEach
    void start() {
        webhook = new WebhookReceiver();
        Channel dev = new Channel(ServerSettings.DEV_CHANNEL_ID, ServerSettings.DEV_ORGANIZATION_ID,
                ServerSettings.DEV_TOKEN, webhook.baseUrl(), "webhook-secret");
        server = new TestServer(settings -> settings.webhooks(
                new WebhookPolicy(Duration.ofSeconds(2), 3, Duration.ofMillis(20))), dev, TestServer.OTHER);
        api = server.dev();
    }

    @AfterEach
    void stop() {
        server.close();
        webhook.close();
    }

    /** What the representative's side does to make the server send one kind of delivery; returns that delivery. */
    @FunctionalInterface
    private interface Action {
        JsonNode deliver(String conversation) throws Exception;
    }

    /** Each documented sample, the action whose delivery it shows, and the event name the server uses for it. */
    private record Sample(String file, String how, Action action, String eventName) {
    }

    private List<Sample> samples() {
        return List.of(
                new Sample("agent-accepted.json", "accept", c -> events(c, "accept", null, 2).get(0), "AgentAccepted"),
                new Sample("agent-typing.json", "typing", c -> representative(c, "{\"type\":\"typing\"}"), null),
                new Sample("agent-message.json", "message", c -> representative(c,
                        "{\"type\":\"message\",\"from\":" + AGENT + ",\"text\":\"hello\"}"), null),
                new Sample("agent-send-attachment.json", "attachment", c -> representative(c,
                        "{\"type\":\"message\",\"from\":" + AGENT + ",\"attachments\":[{\"contentType\":\"image/jpeg\","
                                + "\"contentUrl\":\"https://contoso.example/issue.jpg\",\"name\":\"issue (1).jpg\"}]}"),
                        null),
                // Project choice: the documented list's names, where the samples show AgentClosed/ConversationClosed
                new Sample("agent-closed.json", "close, first event", c -> events(c, "close", AGENT, 2).get(0),
                        "AgentEndSession"),
                new Sample("conversation-closed.json", "close, second event", c -> events(c, "close", AGENT, 2).get(1),
                        "ConversationClose"));
    }

    @TestFactory
    Stream<DynamicTest> eachDocumentedSampleHasTheShapeOfWhatTheServerSends() {
        return samples().stream().map(sample -> dynamicTest(sample.file() + " (" + sample.how() + ")", () -> {
            JsonNode documented = JsonShape.resource(SAMPLES + sample.file());
            JsonNode delivered = sample.action().deliver(conversation());

            assertThat(JsonShape.of(JsonShape.without(delivered, PROJECT_MEMBERS)))
                    .as("members and types of %s beside %s", delivered, documented)
                    .isEqualTo(JsonShape.of(documented));
            assertThat(delivered.get("type")).isEqualTo(documented.get("type"));
            assertThat(delivered.path("textFormat")).isEqualTo(documented.path("textFormat"));
            assertThat(delivered.get("id").asText()).as("the project's id: the messageId").matches("[0-9]{13}");
            assertThat(delivered.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z");
            if (sample.eventName() != null) {
                assertThat(delivered.get("name").asText()).isEqualTo(sample.eventName());
                assertThat(delivered.get("text").asText()).isEqualTo("EventName: **_" + sample.eventName() + "_**");
            }
        }));
    }

    @Test
    void everySampleOfTheFolderIsCompared() throws Exception {
        Path folder = Path.of(getClass().getClassLoader().getResource(SAMPLES).toURI());
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(samples().stream().map(Sample::file).toList());
        }
    }

    /** webhook-api.yaml's own examples have the shape of what the server sends, {@code id} and {@code timestamp} included. */
    @TestFactory
    Stream<DynamicTest> theWebhookDocumentsExamplesHaveTheShapeOfWhatTheServerSends() {
        Map<String, Action> actions = new LinkedHashMap<>();
        actions.put("agentMessage", c -> representative(c, "{\"type\":\"message\",\"from\":" + AGENT + ",\"text\":\"hello\"}"));
        actions.put("attachment", samples().get(3).action());
        actions.put("typing", c -> representative(c, "{\"type\":\"typing\"}"));
        actions.put("agentAccepted", c -> events(c, "accept", null, 2).get(0));
        actions.put("agentEndSession", c -> events(c, "close", AGENT, 2).get(0));
        JsonNode examples = SpecDocument.at(SpecDocument.webhook(),
                SpecDocument.operation("/v3/conversations/{conversationId}/activities", "post")
                        + "/requestBody/content/application~1json/examples");
        assertThat(examples.fieldNames()).toIterable().containsExactlyInAnyOrderElementsOf(actions.keySet());
        return actions.entrySet().stream().map(e -> dynamicTest(e.getKey(), () -> {
            JsonNode delivered = e.getValue().deliver(conversation());
            assertThat(JsonShape.of(delivered)).as("%s", delivered)
                    .isEqualTo(JsonShape.of(examples.get(e.getKey()).get("value")));
        }));
    }

    @Nested
    class Typing {
        @Test
        void goesToTheCustomerTheConversationWasCreatedFor() throws Exception {
            String conversation = api.create("{\"customercontext\":{\"customerid\":\"customer-42\"}}")
                    .json().get("conversationId").asText();
            JsonNode delivered = representative(conversation, "{\"type\":\"typing\"}");
            assertThat(delivered.get("recipient").get("id").asText()).isEqualTo("customer-42");
        }

        @Test
        void ofAConversationWithoutCustomerIdGoesToTheConversation() throws Exception {
            String conversation = conversation();
            JsonNode delivered = representative(conversation, "{\"type\":\"typing\"}");
            assertThat(delivered.get("recipient").get("id").asText()).isEqualTo(conversation);
        }

        @Test
        void toAnUnknownConversationIsNotFound() {
            Reply reply = api.post("/emulator/conversations/" + "00000000-0000-4000-8000-00000000000f" + "/activities",
                    "{\"type\":\"typing\"}");
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.errorCode()).isEqualTo(30013);
            assertThat(webhook.waiting()).isZero();
        }
    }

    @Nested
    class Closing {
        @Test
        void namesTheRepresentativeWhoClosesInFrom() throws Exception {
            List<JsonNode> delivered = events(conversation(), "close", "{\"id\":\"agent-7\"}", 2);
            assertThat(delivered).extracting(d -> d.get("from").toString())
                    .containsExactly("{\"id\":\"agent-7\"}", "{\"id\":\"agent-7\"}");
        }

        @Test
        void withoutARepresentativeNamesTheDefaultOne() throws Exception {
            List<JsonNode> delivered = events(conversation(), "close", null, 2);
            assertThat(delivered).extracting(d -> d.get("from").get("id").asText())
                    .containsOnly(EmulatorResource.DEFAULT_REPRESENTATIVE);
        }
    }

    @Test
    void anAttachmentWithoutTypeOrNameStillCarriesTheNullMembers() throws Exception {
        JsonNode delivered = representative(conversation(),
                "{\"type\":\"message\",\"attachments\":[{\"contentUrl\":\"https://contoso.example/a.pdf\"}]}");
        assertThat(delivered.get("attachments").toString()).isEqualTo(
                "[{\"contentUrl\":\"https://contoso.example/a.pdf\",\"content\":null,\"thumbnailUrl\":null}]");
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    private String conversation() {
        return api.newConversation();
    }

    private JsonNode representative(String conversation, String body) throws InterruptedException {
        Reply reply = api.post("/emulator/conversations/" + conversation + "/activities", body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode delivered = webhook.take(1).get(0).activity();
        assertThat(delivered.get("id").asText()).isEqualTo(reply.messageId());
        return delivered;
    }

    private List<JsonNode> events(String conversation, String action, String body, int count)
            throws InterruptedException {
        Reply reply = api.post("/emulator/conversations/" + conversation + "/" + action, body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return webhook.take(count).stream().map(WebhookReceiver.Received::activity).toList();
    }
}
