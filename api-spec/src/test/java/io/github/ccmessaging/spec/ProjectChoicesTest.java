package io.github.ccmessaging.spec;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Every choice the project made where Microsoft's documents are silent or disagree is written into the description of
 * the element it concerns. One case per choice: deleting the sentence that records it fails its case.
 */
class ProjectChoicesTest {

    private static final String CREATE = SpecTree.operationPointer("/api/v1.0/consumer/conversation/create", "post");
    private static final String SEND = SpecTree.operationPointer("/api/v1.0/consumer/conversation/{conversationId}", "post");
    private static final String MESSAGES =
            SpecTree.operationPointer("/api/v1.0/consumer/conversation/{conversationId}/messages", "get");
    private static final String CONTEXT =
            SpecTree.operationPointer("/api/v1.0/consumer/conversation/{conversationId}/context", "get");
    private static final String CLOSE =
            SpecTree.operationPointer("/emulator/conversations/{conversationId}/close", "post");
    private static final String SCHEMAS = "/components/schemas/";

    /**
     * One recorded choice: the description at {@code pointer} of {@code document} says "Project choice" and every one of
     * {@code phrases}.
     */
    record Choice(String name, String document, String pointer, List<String> phrases) {
    }

    static final List<Choice> CHOICES = List.of(
            new Choice("only the singular create path is served", SpecTree.MESSAGING, CREATE + "/description",
                    List.of("only this singular path", "/api/v1.0/consumer/conversations/create")),
            new Choice("only the channel-id and organization-id header names", SpecTree.MESSAGING,
                    "/components/parameters/ChannelIdHeader/description",
                    List.of("`channel-id` and `organization-id`", "`x-ms-channel-id` / `x-ms-organization-id`")),
            new Choice("the context path is /context", SpecTree.MESSAGING, CONTEXT + "/description",
                    List.of("the path is `/context`", "`/contexts`")),
            new Choice("the documented typing sample is corrected to valid JSON", SpecTree.MESSAGING,
                    SEND + "/description", List.of("typing sample is not valid JSON", "corrected")),
            new Choice("the messages list's timestamp format", SpecTree.MESSAGING, MESSAGES + "/description",
                    List.of("`2025-04-15T12:37:00.1230000Z`", "`2025-04-15T12:37:00+00:00`")),
            new Choice("the close events' names (emulator)", SpecTree.MESSAGING, CLOSE + "/description",
                    List.of("`AgentEndSession`", "`ConversationClose`", "`AgentClosed`", "`ConversationClosed`")),
            new Choice("the close events' names (webhook)", SpecTree.WEBHOOK, "/info/description",
                    List.of("`AgentEndSession` and `ConversationClose`", "`AgentClosed` and `ConversationClosed`")),
            new Choice("any 2xx from a webhook counts as delivered (webhook)", SpecTree.WEBHOOK,
                    SpecTree.operationPointer("/v3/conversations/{conversationId}/activities", "post")
                            + "/responses/200/description", List.of("any 2xx")),
            new Choice("any 2xx from a webhook counts as delivered (transcript)", SpecTree.MESSAGING,
                    SCHEMAS + "DeliveryOutcome/properties/status/description", List.of("any 2xx", "`delivered`")),
            new Choice("read-event message ids have 13 digits", SpecTree.MESSAGING, SCHEMAS + "EventValue/description",
                    List.of("only the 13-digit form", "GUID")),
            new Choice("a read event names a message of the representative", SpecTree.MESSAGING,
                    SCHEMAS + "EventActivity/description",
                    List.of("must name a message of the representative", "400 / 30003")),
            new Choice("whitespace-only text counts as no text", SpecTree.MESSAGING,
                    SCHEMAS + "MessageActivity/properties/text/description", List.of("only whitespace counts as no text")),
            new Choice("whitespace-only text counts as no text (send rules)", SpecTree.MESSAGING, SEND + "/description",
                    List.of("only whitespace counts as", "\"non-empty\"")),
            new Choice("customEventValue is a JSON object", SpecTree.MESSAGING,
                    SCHEMAS + "EventChannelData/properties/customEventValue/description",
                    List.of("must be a JSON-encoded object", "400 / 30012")),
            new Choice("the typing delivery's recipient", SpecTree.WEBHOOK, "/info/description",
                    List.of("`recipient.id`", "`customercontext.customerid`")),
            new Choice("the activity id's length limit", SpecTree.MESSAGING, SCHEMAS + "ActivityId/description",
                    List.of("at most\n256 characters", "no limit")));

    @TestFactory
    Stream<DynamicTest> everyChoiceIsRecordedWhereItApplies() {
        return CHOICES.stream().map(choice -> dynamicTest(choice.name(), () -> {
            JsonNode description = SpecTree.at(SpecTree.of(choice.document()), choice.pointer());
            assertThat(description.isTextual()).as("%s is a description", choice.pointer()).isTrue();
            String text = description.asText();
            assertThat(text).as(choice.pointer()).contains("Project choice");
            for (String phrase : choice.phrases()) {
                assertThat(normalized(text)).as(choice.pointer()).contains(normalized(phrase));
            }
        }));
    }

    /** The check reads the document: a phrase that is not there fails it. */
    @Test
    void aChoiceThatIsNotWrittenDownFails() {
        Choice missing = new Choice("invented", SpecTree.MESSAGING, CREATE + "/description",
                List.of("the plural path is served too"));
        String text = SpecTree.at(SpecTree.messaging(), missing.pointer()).asText();
        assertThat(normalized(text)).doesNotContain(normalized(missing.phrases().get(0)));
    }

    /** Line breaks of the YAML block text are not part of the wording. */
    private static String normalized(String text) {
        return text.replaceAll("\\s+", " ");
    }
}
