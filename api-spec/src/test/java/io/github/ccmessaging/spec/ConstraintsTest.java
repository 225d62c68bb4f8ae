package io.github.ccmessaging.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ccmessaging.spec.SpecTree.Located;
import io.github.ccmessaging.spec.SpecTree.Parameter;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The limits of what a channel may send: each is either one Microsoft documents (named here with its page) or marked
 * in the document as a project choice with its reason; and each constrained parameter or member names the error code
 * that answers a break of it.
 */
class ConstraintsTest {

    private static final Set<String> CONSUMER_API = Set.of("Conversations");
    private static final Set<String> CHANNEL_API = Set.of("Conversations", "Emulator");
    private static final String SCHEMAS = "/components/schemas/";

    /** The limits Microsoft documents, by where they sit in the document, with the page that documents them. */
    static final Map<String, String> DOCUMENTED = Map.ofEntries(
            entry(SCHEMAS + "Guid pattern", "INTRO, SEND, LIST: channel, organization and conversation ids are GUIDs"),
            entry(SCHEMAS + "MessageId pattern", "SEND: a messageId is a 13-digit epoch string"),
            entry("listConversations query PageSize minimum", "LIST, ERR 30007: null or between 1 and 250"),
            entry("listConversations query PageSize maximum", "LIST, ERR 30007: null or between 1 and 250"),
            entry("listMessages query PageSize minimum", "MSGS, ERR 30008: null or between 1 and 100"),
            entry("listMessages query PageSize maximum", "MSGS, ERR 30008: null or between 1 and 100"),
            entry(SCHEMAS + "MessageActivity/properties/text maxLength", "SEND, ERR 30011: 6,000 characters"),
            entry(SCHEMAS + "ChannelAccount/properties/id maxLength", "SEND: from.id, 256 characters"),
            entry(SCHEMAS + "ChannelAccount/properties/name maxLength", "SEND: from.name, 256 characters"),
            entry(SCHEMAS + "Attachment/properties/contentType maxLength", "SEND: 256 characters"),
            entry(SCHEMAS + "Attachment/properties/name maxLength", "SEND: 256 characters"),
            entry(SCHEMAS + "MessagingApiChannelData/properties/type maxLength", "SEND: 256 characters"),
            entry(SCHEMAS + "EventActivity/properties/name maxLength", "SEND (custom events): 256 characters"),
            entry(SCHEMAS + "CustomerContext/properties/customerid maxLength", "CREATE: 200 characters"),
            entry(SCHEMAS + "CustomerContext/properties/firstname maxLength", "CREATE: 200 characters"),
            entry(SCHEMAS + "CustomerContext/properties/lastname maxLength", "CREATE: 200 characters"),
            entry(SCHEMAS + "CustomerContext/properties/preferredname maxLength", "CREATE: 200 characters"),
            entry(SCHEMAS + "CustomerContext/properties/email maxLength", "CREATE: 200 characters"),
            entry(SCHEMAS + "CustomerContext/properties/phonenumber maxLength", "CREATE: 200 characters"),
            entry(SCHEMAS + "CreateConversationRequest/properties/conversationcontext maxProperties",
                    "CREATE, ERR 30010: at most 100 context variables"));

    /** One limit of a request: a constraint keyword, where it sits, and the description that may explain it. */
    record Limit(String where, String keyword, JsonNode schema, String description) {
        @Override
        public String toString() {
            return where + " " + keyword;
        }
    }

    /** Every limit on what the consumer API's requests carry: parameters and every member of every body. */
    static List<Limit> consumerLimits() {
        JsonNode root = SpecTree.messaging();
        List<Limit> limits = new ArrayList<>();
        for (Parameter parameter : SpecTree.parameters(root, CONSUMER_API)) {
            Located schema = SpecTree.resolve(root, new Located(parameter.parameter().pointer() + "/schema",
                    parameter.parameter().node().path("schema")));
            String where = schema.pointer().startsWith("/components/schemas/") ? schema.pointer() : parameter.label();
            for (String keyword : SpecTree.constraints(schema.node())) {
                limits.add(new Limit(where, keyword, schema.node(),
                        schema.node().path("description").asText("") + " "
                                + parameter.parameter().node().path("description").asText("")));
            }
        }
        for (Located schema : SpecTree.requestBodySchemas(root, CONSUMER_API)) {
            for (String keyword : SpecTree.constraints(schema.node())) {
                limits.add(new Limit(schema.pointer(), keyword, schema.node(),
                        schema.node().path("description").asText("")));
            }
        }
        return limits.stream().distinct().toList();
    }

    @Nested
    class Limits {

        @TestFactory
        Stream<DynamicTest> everyLimitIsDocumentedOrAProjectChoiceWithItsReason() {
            List<Limit> limits = consumerLimits();
            assertThat(limits).extracting(Limit::toString).contains(SCHEMAS + "MessageActivity/properties/text maxLength",
                    SCHEMAS + "ActivityId maxLength", "listMessages query PageSize maximum");
            return limits.stream().map(limit -> dynamicTest(limit.toString(), () -> {
                boolean documented = DOCUMENTED.containsKey(limit.toString());
                boolean choice = SpecTree.projectChoices(limit.schema()).contains(limit.keyword());
                assertThat(documented ^ choice)
                        .as("%s must be either documented by Microsoft (listed here) or listed in x-project-choice, "
                                + "not both (documented %s, x-project-choice %s)", limit, documented, choice)
                        .isTrue();
                if (choice) {
                    assertThat(limit.description()).as("the description of %s", limit).contains("Project choice");
                }
            }));
        }

        @Test
        void everyDocumentedLimitIsStillInTheDocument() {
            assertThat(consumerLimits()).extracting(Limit::toString).containsAll(DOCUMENTED.keySet());
        }

        @TestFactory
        Stream<DynamicTest> xProjectChoiceNamesOnlyKeywordsTheSchemaHas() {
            List<Located> marked = new ArrayList<>();
            collectMarked(SpecTree.messaging(), "", marked);
            assertThat(marked).isNotEmpty();
            return marked.stream().map(located -> dynamicTest(located.pointer(), () ->
                    assertThat(SpecTree.constraints(located.node()))
                            .containsAll(SpecTree.projectChoices(located.node()))));
        }

        /** The customEventName had a limit no page gives it; it has none now. */
        @Test
        void customEventNameHasNoInventedLimit() {
            JsonNode name = SpecTree.at(SpecTree.messaging(), SCHEMAS + "EventChannelData/properties/customEventName");
            assertThat(SpecTree.constraints(name)).isEmpty();
        }

        private static void collectMarked(JsonNode node, String pointer, List<Located> marked) {
            if (node.isObject()) {
                if (node.has("x-project-choice")) {
                    marked.add(new Located(pointer, node));
                }
                node.fields().forEachRemaining(f -> collectMarked(f.getValue(),
                        pointer + "/" + f.getKey().replace("~", "~0").replace("/", "~1"), marked));
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    collectMarked(node.get(i), pointer + "/" + i, marked);
                }
            }
        }
    }

    @Nested
    class ErrorCodes {

        @TestFactory
        Stream<DynamicTest> everyConstrainedParameterNamesItsErrorCode() {
            JsonNode root = SpecTree.messaging();
            List<Parameter> constrained = SpecTree.parameters(root, CHANNEL_API).stream().filter(p -> {
                Located schema = SpecTree.resolve(root, new Located(p.parameter().pointer() + "/schema",
                        p.parameter().node().path("schema")));
                return !SpecTree.constraints(schema.node()).isEmpty() || p.parameter().node().path("required").asBoolean();
            }).toList();
            assertThat(constrained).extracting(Parameter::label).contains("sendActivity header channel-id",
                    "listMessages query PageSize", "registerChannel path channelId");
            return constrained.stream().map(p -> dynamicTest(p.label(), () -> {
                JsonNode code = p.parameter().node().path("x-error-code");
                assertThat(code.isInt()).as("x-error-code of %s", p.label()).isTrue();
                assertThat(code.asInt()).isBetween(30001, 30016);
                assertThat(p.parameter().node().path("description").asText())
                        .as("the description of %s names its code", p.label()).contains("400 / " + code.asInt());
            }));
        }

        @TestFactory
        Stream<DynamicTest> everyErrorCodeOfABodyMemberIsNamedInItsDescription() {
            List<Located> coded = SpecTree.requestBodySchemas(SpecTree.messaging(), CHANNEL_API).stream()
                    .filter(s -> s.node().has("x-error-code")).toList();
            assertThat(coded).extracting(Located::pointer).contains(SCHEMAS + "MessageActivity/properties/text",
                    SCHEMAS + "ContextUpdate/properties/context");
            return coded.stream().map(s -> dynamicTest(s.pointer(), () -> {
                int code = s.node().path("x-error-code").asInt();
                assertThat(code).isBetween(30001, 30016);
                assertThat(SpecTree.constraints(s.node())).as("an error code belongs to a constraint").isNotEmpty();
                assertThat(s.node().path("description").asText()).contains("400 / " + code);
            }));
        }
    }
}
