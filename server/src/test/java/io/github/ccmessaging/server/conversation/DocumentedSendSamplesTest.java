package io.github.ccmessaging.server.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccmessaging.server.ApiCalls;
import io.github.ccmessaging.server.ApiCalls.Reply;
import io.github.ccmessaging.server.JsonShape;
import io.github.ccmessaging.server.SpecDocument;
import io.github.ccmessaging.server.TestServer;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every sample request of the send-activity page ({@code api-conversation-endpoint.md}), sent as documented with only
 * its placeholders filled in, gets the documented answer. The samples are kept verbatim in
 * {@code src/test/resources/documented/send-activity}; the folder's README names each one's section.
 */
class DocumentedSendSamplesTest {
    private static final String SAMPLES = "documented/send-activity/";
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

    /**
     * The documented typing sample made valid JSON, as the OpenAPI document's {@code typing} example records: its bare
     * {@code GUID} placeholders quoted, the trailing comma after {@code from.name} dropped.
     */
    static String corrected(String typingSample) {
        return typingSample.replaceAll(":\\s*GUID", ": \"GUID\"").replaceAll(",(\\s*})", "$1");
    }

    /** The sample with its placeholders filled: the channel, the conversation, and the message a read event names. */
    private JsonNode filled(JsonNode sample, String conversation, String readMessageId) {
        ObjectNode body = sample.deepCopy();
        if (body.has("channelId")) {
            body.put("channelId", TestServer.DEV.channelId());
        }
        if (body.has("conversation")) {
            ((ObjectNode) body.get("conversation")).put("id", conversation);
        }
        if (body.path("value").has("messageId")) {
            ((ObjectNode) body.get("value")).put("messageId", readMessageId);
        }
        return body;
    }

    private String representativeMessage(String conversation) {
        Reply reply = api.post("/emulator/conversations/" + conversation + "/activities",
                "{\"type\":\"message\",\"text\":\"a message the customer reads\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.messageId();
    }

    private record Sample(String file, String documentedAnswer) {
    }

    @TestFactory
    Stream<DynamicTest> everySampleGetsTheDocumentedAnswer() {
        List<Sample> samples = List.of(
                new Sample("message-automated-message-and-attachment.json", "response.json"),
                new Sample("end-of-conversation.json", "response.json"),
                new Sample("typing.as-documented.txt", "response.json"),
                new Sample("custom-event.json", "response.json"),
                new Sample("read-event.json", "read-event-response.json"));
        return samples.stream().map(sample -> dynamicTest(sample.file(), () -> {
            String text = JsonShape.text(SAMPLES + sample.file());
            JsonNode documented = JsonShape.read(sample.file().endsWith(".txt") ? corrected(text) : text);
            String conversation = api.newConversation();
            JsonNode body = filled(documented, conversation, representativeMessage(conversation));

            Reply reply = api.send(conversation, body.toString());

            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            JsonNode answer = JsonShape.resource(SAMPLES + sample.documentedAnswer());
            String messageId = answer.get("messageId").asText();
            assertThat(reply.messageId()).as("a messageId like the documented %s", messageId)
                    .matches(messageId.isEmpty() ? "" : "[0-9]{13}");
            // besides the documented members only "message": null (a project choice, documented for the read event)
            assertThat(JsonShape.of(JsonShape.without(reply.json(), "message"))).isEqualTo(
                    JsonShape.of(JsonShape.without(answer, "message")));
            assertThat(reply.json().get("message").isNull()).isTrue();
        }));
    }

    @Test
    void theTypingSampleIsNotValidJsonAsDocumented() {
        String text = JsonShape.text(SAMPLES + "typing.as-documented.txt");
        assertThat(text).contains("\"channelId\": GUID,");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JsonShape.read(text))
                .isInstanceOf(UncheckedIOException.class);
        Reply reply = api.send(api.newConversation(), text);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo(30012);
    }

    @Test
    void theCorrectedTypingSampleIsTheDocumentsTypingExample() {
        JsonNode corrected = JsonShape.read(corrected(JsonShape.text(SAMPLES + "typing.as-documented.txt")));
        JsonNode example = SpecDocument.at(SpecDocument.messaging(), SpecDocument.operation(
                "/api/v1.0/consumer/conversation/{conversationId}", "post")
                + "/requestBody/content/application~1json/examples/typing/value");
        assertThat(JsonShape.of(corrected)).isEqualTo(JsonShape.of(example));
        assertThat(corrected.get("from").get("name").asText()).isEqualTo("FromDisplayName");
    }
}
