package io.github.ccmessaging.spec;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccmessaging.spec.SpecExamples.Kind;
import io.github.ccmessaging.spec.SpecExamples.SpecExample;
import io.swagger.v3.oas.models.PathItem;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every example of the document is valid against its schema. Bodies of operations are checked in context with the
 * {@link com.atlassian.oai.validator.OpenApiInteractionValidator} (a request to / response from that operation,
 * with valid headers); all other examples against the schema they belong to.
 */
class SpecExamplesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CORRELATION_ID = "5b0d4c6e-1f7a-4c1b-9f3e-0d2a8b7c6e51";

    @TestFactory
    @DisplayName("every example validates against its schema")
    Stream<DynamicTest> everyExampleIsValid() {
        List<SpecExample> examples = SpecExamples.all();
        assertThat(examples).as("examples found in the document").isNotEmpty();
        return examples.stream().map(ex -> DynamicTest.dynamicTest(ex.where(), () -> {
            ValidationReport report = validate(ex);
            assertThat(report.hasErrors())
                    .as("%s%n%s%n%s", ex.where(), ex.value().toPrettyString(), Spec.format(report))
                    .isFalse();
        }));
    }

    /** Guards the walker: the examples the project relies on are all found (a new one is found without a change). */
    @Test
    void theWalkerFindsTheKnownExamples() {
        List<String> where = SpecExamples.all().stream().map(SpecExample::where).toList();
        String send = "POST /api/v1.0/consumer/conversation/{conversationId}";
        String create = "POST /api/v1.0/consumer/conversation/create";
        assertThat(where).contains(
                create + " request application/json example 'documented'",
                create + " request application/json example 'minimal'",
                create + " response 200 application/json example 'created'",
                create + " response 200 application/json example 'continued'",
                create + " response 400 application/problem+json example 'noText'",
                create + " response 401 application/problem+json example 'unauthorized'",
                send + " request application/json example 'textMessage'",
                send + " request application/json example 'automatedMessage'",
                send + " request application/json example 'attachment'",
                send + " request application/json example 'typing'",
                send + " request application/json example 'endOfConversation'",
                send + " request application/json example 'readEvent'",
                send + " request application/json example 'customEvent'",
                send + " response 200 application/json example 'accepted'",
                send + " response 200 application/json example 'read'",
                send + " response 404 application/problem+json example 'notFound'",
                "components.schemas.Guid example",
                "components.schemas.MessageId example");
        assertThat(where).doesNotHaveDuplicates();
    }

    /** No {@code example}/{@code examples} keyword of the YAML escapes the check (also none the parser dropped). */
    @Test
    void everyExampleKeywordOfTheYamlIsChecked() {
        java.util.Set<String> checked = SpecExamples.all().stream().map(SpecExample::site)
                .collect(java.util.stream.Collectors.toSet());
        assertThat(checked).containsExactlyInAnyOrderElementsOf(SpecExamples.keywordSites(Spec.text()));
    }

    // ---- the check can fail ----

    @Test
    void aTextOf6001CharactersIsRejected() throws Exception {
        ObjectNode body = sendExample("textMessage");
        body.put("text", "x".repeat(6001));
        ValidationReport report = validate(requestExample(body));
        assertThat(report.hasErrors()).as(Spec.format(report)).isTrue();
        assertThat(Spec.format(report)).contains("6000");
    }

    @Test
    void aTextOf6000CharactersIsAccepted() throws Exception {
        ObjectNode body = sendExample("textMessage");
        body.put("text", "x".repeat(6000));
        ValidationReport report = validate(requestExample(body));
        assertThat(report.hasErrors()).as(Spec.format(report)).isFalse();
    }

    @Test
    void anUnknownActivityTypeIsRejected() throws Exception {
        ObjectNode body = sendExample("typing");
        body.put("type", "conversationUpdate");
        ValidationReport report = validate(requestExample(body));
        assertThat(report.hasErrors()).as(Spec.format(report)).isTrue();
    }

    @Test
    void anInvalidResponseExampleIsRejected() {
        SpecExample accepted = SpecExamples.all().stream()
                .filter(e -> e.kind() == Kind.RESPONSE_BODY && e.where().endsWith("example 'accepted'"))
                .findFirst().orElseThrow();
        ObjectNode body = accepted.value().deepCopy();
        body.put("messageId", "17453232001"); // 11 digits
        ValidationReport report = validate(new SpecExample(Kind.RESPONSE_BODY, "bad", "test", accepted.path(), accepted.method(),
                accepted.status(), accepted.mediaType(), accepted.schema(), body));
        assertThat(report.hasErrors()).as(Spec.format(report)).isTrue();
    }

    @Test
    void anInvalidSchemaExampleIsRejected() {
        ValidationReport report = validate(new SpecExample(Kind.SCHEMA, "bad", "test", null, null, null, null,
                Spec.schema("Guid"), MAPPER.getNodeFactory().textNode("not-a-guid")));
        assertThat(report.hasErrors()).as(Spec.format(report)).isTrue();
    }

    // ---- helpers ----

    private static ObjectNode sendExample(String name) {
        return (ObjectNode) SpecExamples.all().stream()
                .filter(e -> e.kind() == Kind.REQUEST_BODY && e.where().endsWith("example '" + name + "'")
                        && e.path().endsWith("{conversationId}"))
                .findFirst().orElseThrow().value().deepCopy();
    }

    private static SpecExample requestExample(JsonNode body) {
        return new SpecExample(Kind.REQUEST_BODY, "test", "test", "/api/v1.0/consumer/conversation/{conversationId}",
                PathItem.HttpMethod.POST, null, "application/json", null, body);
    }

    static ValidationReport validate(SpecExample ex) {
        try {
            return switch (ex.kind()) {
                case REQUEST_BODY -> Spec.validator().validateRequest(
                        Spec.request(Request.Method.valueOf(ex.method().name()), Spec.concretePath(ex.path()))
                                .withContentType(ex.mediaType())
                                .withBody(MAPPER.writeValueAsString(ex.value()))
                                .build());
                case RESPONSE_BODY -> Spec.validator().validateResponse(
                        Spec.concretePath(ex.path()),
                        Request.Method.valueOf(ex.method().name()),
                        SimpleResponse.Builder.status(Integer.parseInt(ex.status()))
                                .withContentType(ex.mediaType())
                                .withHeader("x-ms-correlation-id", CORRELATION_ID)
                                .withBody(MAPPER.writeValueAsString(ex.value()))
                                .build());
                case SCHEMA -> new SchemaValidator(Spec.api(), new MessageResolver())
                        .validate(ex::value, ex.schema(), "validation.schema");
            };
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
