package io.github.ccmessaging.server.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ccmessaging.server.SpecDocument;
import io.github.ccmessaging.server.SpecDocument.Member;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The name-to-code table says what the OpenAPI document says ({@code x-error-code}), and names only what it has. */
class ConstraintCodesTest {
    private static final Set<String> CHANNEL_API = Set.of("Conversations", "Emulator");

    /** A parameter of an operation a channel calls, resolved. */
    private record Parameter(String operationId, String in, String name, JsonNode node) {
        @Override
        public String toString() {
            return operationId + " " + in + " " + name;
        }
    }

    private static List<JsonNode> channelOperations() {
        List<JsonNode> operations = new ArrayList<>();
        SpecDocument.messaging().path("paths").forEach(path -> path.fields().forEachRemaining(method -> {
            for (JsonNode tag : method.getValue().path("tags")) {
                if (CHANNEL_API.contains(tag.asText())) {
                    operations.add(method.getValue());
                    return;
                }
            }
        }));
        return operations;
    }

    private static List<Parameter> parameters() {
        List<Parameter> parameters = new ArrayList<>();
        for (JsonNode operation : channelOperations()) {
            for (JsonNode reference : operation.path("parameters")) {
                JsonNode parameter = SpecDocument.resolve(SpecDocument.messaging(), reference);
                parameters.add(new Parameter(operation.path("operationId").asText(), parameter.path("in").asText(),
                        parameter.path("name").asText(), parameter));
            }
        }
        return parameters;
    }

    /** Every member of every body a channel may send, by the schema that declares it. */
    private static List<Member> bodyMembers() {
        Set<String> bodies = new LinkedHashSet<>();
        for (JsonNode operation : channelOperations()) {
            operation.path("requestBody").path("content").forEach(media -> {
                String ref = media.path("schema").path("$ref").asText();
                bodies.add(ref.substring(ref.lastIndexOf('/') + 1));
            });
        }
        List<Member> members = new ArrayList<>();
        bodies.forEach(body -> SpecDocument.members(body).stream()
                .filter(m -> !m.name().equals("0") && !m.name().equals("$VAR")).forEach(members::add));
        return members;
    }

    @Nested
    class AgreesWithTheDocument {
        @TestFactory
        Stream<DynamicTest> forEveryParameterWithAnErrorCode() {
            List<Parameter> coded = parameters().stream().filter(p -> p.node().has("x-error-code")).toList();
            assertThat(coded).extracting(Parameter::toString).contains("registerChannel path channelId",
                    "listConversations query PageSize", "listMessages query PageSize", "sendActivity header channel-id");
            return coded.stream().map(p -> dynamicTest(p.toString(), () ->
                    assertThat(ConstraintCodes.ofParameter(p.operationId(), p.in(), p.name()).code())
                            .isEqualTo(p.node().get("x-error-code").asInt())));
        }

        @TestFactory
        Stream<DynamicTest> forEveryBodyMember() {
            List<Member> members = bodyMembers();
            assertThat(members).extracting(m -> m.schema() + "." + m.name()).contains("MessageActivity.text",
                    "ContextUpdate.context", "MessagingApiChannelData.type", "ChannelRegistration.token");
            return members.stream().map(m -> dynamicTest(m.schema() + "." + m.name(), () -> {
                int expected = m.declared().path("x-error-code").asInt(ErrorCode.MALFORMED_REQUEST.code());
                assertThat(ConstraintCodes.ofMember(m.schema(), m.name()).code()).isEqualTo(expected);
            }));
        }
    }

    @Nested
    class NamesOnlyWhatTheDocumentHas {
        @TestFactory
        Stream<DynamicTest> everyParameterKey() {
            List<Parameter> parameters = parameters();
            return ConstraintCodes.parameters().keySet().stream().map(key -> dynamicTest(key, () ->
                    assertThat(parameters).as("parameters of the document")
                            .anyMatch(p -> key.equals(p.in() + " " + p.name()) || key.equals(p.toString()))));
        }

        @TestFactory
        Stream<DynamicTest> everyMemberKey() {
            List<Member> members = bodyMembers();
            return ConstraintCodes.members().keySet().stream().map(key -> dynamicTest(key, () ->
                    assertThat(members).as("members of the bodies of the document")
                            .anyMatch(m -> key.equals(m.schema() + "." + m.name()))));
        }
    }

    @Test
    void anUnknownParameterOrMemberIsAMalformedRequest() {
        assertThat(ConstraintCodes.ofParameter("listMessages", "query", "Other")).isEqualTo(ErrorCode.MALFORMED_REQUEST);
        assertThat(ConstraintCodes.ofMember("MessageActivity", "other")).isEqualTo(ErrorCode.MALFORMED_REQUEST);
        assertThat(ConstraintCodes.ofParameter("sendActivity", "header", "channelId2"))
                .as("generated Java names are not the document's").isEqualTo(ErrorCode.MALFORMED_REQUEST);
    }
}
