package io.github.ccmessaging.spec;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/** Structural promises of the document that the emulator, the client and the docs rely on. */
class SpecStructureTest {

    private static final String SEND = "/api/v1.0/consumer/conversation/{conversationId}";
    private static final String CREATE = "/api/v1.0/consumer/conversation/create";

    private static OpenAPI api() {
        return Spec.api();
    }

    /** Every operation of the document as "METHOD path" → operation. */
    private static Map<String, Operation> operations() {
        Map<String, Operation> ops = new LinkedHashMap<>();
        api().getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, op) -> ops.put(method + " " + path, op)));
        return ops;
    }

    /** Tags of the endpoints that need no channel or token: the operators' and the server's own contract. */
    private static final List<String> OPEN_TAGS = List.of("Operations", "Documentation");

    /** The operations a channel calls. */
    private static Map<String, Operation> channelOperations() {
        Map<String, Operation> ops = new LinkedHashMap<>(operations());
        ops.values().removeIf(op -> op.getTags() != null && op.getTags().stream().anyMatch(OPEN_TAGS::contains));
        return ops;
    }

    @TestFactory
    Stream<DynamicTest> operatorEndpointsExplicitlyNeedNoToken() {
        Map<String, Operation> operators = new LinkedHashMap<>(operations());
        operators.keySet().removeAll(channelOperations().keySet());
        assertThat(operators).isNotEmpty();
        return operators.entrySet().stream().map(e -> dynamicTest(e.getKey(),
                () -> assertThat(e.getValue().getSecurity()).as("explicit security: []").isNotNull().isEmpty()));
    }

    private static List<Parameter> parameters(String path, Operation op) {
        List<Parameter> all = new ArrayList<>();
        PathItem item = api().getPaths().get(path);
        if (item.getParameters() != null) {
            item.getParameters().forEach(p -> all.add(Spec.parameter(p)));
        }
        if (op.getParameters() != null) {
            op.getParameters().forEach(p -> all.add(Spec.parameter(p)));
        }
        return all;
    }

    @Nested
    class SendBody {

        private final Map<String, String> expectedMapping = Map.of(
                "message", Spec.SCHEMAS + "MessageActivity",
                "typing", Spec.SCHEMAS + "TypingActivity",
                "endOfConversation", Spec.SCHEMAS + "EndOfConversationActivity",
                "event", Spec.SCHEMAS + "EventActivity");

        private Schema<?> activity() {
            MediaType json = api().getPaths().get(SEND).getPost().getRequestBody().getContent().get("application/json");
            assertThat(json).as("send body application/json").isNotNull();
            assertThat(json.getSchema().get$ref()).isEqualTo(Spec.SCHEMAS + "Activity");
            return Spec.schema(json.getSchema());
        }

        @Test
        void isOneOfTheFourActivities() {
            Schema<?> activity = activity();
            assertThat(activity.getOneOf()).as("Activity.oneOf").isNotNull();
            assertThat(activity.getOneOf().stream().map(Schema::get$ref))
                    .containsExactlyInAnyOrderElementsOf(expectedMapping.values());
            assertThat(activity.getAllOf()).isNull();
            assertThat(activity.getAnyOf()).isNull();
        }

        @Test
        void hasTheDiscriminatorTypeWithAnExplicitMapping() {
            Schema<?> activity = activity();
            assertThat(activity.getDiscriminator()).as("Activity.discriminator").isNotNull();
            assertThat(activity.getDiscriminator().getPropertyName()).isEqualTo("type");
            assertThat(activity.getDiscriminator().getMapping()).isEqualTo(expectedMapping);
        }

        @TestFactory
        Stream<DynamicTest> eachMemberRequiresTypeRestrictedToItsMappingValue() {
            return expectedMapping.entrySet().stream().map(e -> dynamicTest(e.getValue(), () -> {
                Schema<?> member = Spec.schema(new Schema<>().$ref(e.getValue()));
                assertThat(member.getRequired()).as("required of %s", e.getValue()).contains("type");
                Schema<?> type = Spec.property(member, "type");
                assertThat(type.getType()).isEqualTo("string");
                assertThat(type.getEnum()).as("type enum of %s", e.getValue())
                        .map(Objects::toString).containsExactly(e.getKey());
            }));
        }

        @Test
        void theCreateBodyIsTheCreateRequest() {
            MediaType json = api().getPaths().get(CREATE).getPost().getRequestBody().getContent().get("application/json");
            assertThat(json.getSchema().get$ref()).isEqualTo(Spec.SCHEMAS + "CreateConversationRequest");
            assertThat(api().getPaths().get(CREATE).getPost().getRequestBody().getRequired()).isTrue();
            assertThat(api().getPaths().get(SEND).getPost().getRequestBody().getRequired()).isTrue();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyOperationDeclaresTheChannelAndOrganizationHeaders() {
        return channelOperations().entrySet().stream().map(e -> dynamicTest(e.getKey(), () -> {
            String path = e.getKey().substring(e.getKey().indexOf(' ') + 1);
            Map<String, Parameter> headers = parameters(path, e.getValue()).stream()
                    .filter(p -> "header".equals(p.getIn()))
                    .collect(Collectors.toMap(p -> p.getName().toLowerCase(java.util.Locale.ROOT), p -> p));
            for (String name : List.of("channel-id", "organization-id")) {
                assertThat(headers).as("%s header parameters", e.getKey()).containsKey(name);
                Parameter p = headers.get(name);
                assertThat(p.getRequired()).as("%s %s required", e.getKey(), name).isTrue();
                assertThat(Spec.schema(p.getSchema()).getPattern()).as("%s %s is a GUID", e.getKey(), name)
                        .isEqualTo(Spec.schema("Guid").getPattern());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyOperationIsCoveredByTheBearerScheme() {
        return channelOperations().entrySet().stream().map(e -> dynamicTest(e.getKey(), () -> {
            List<SecurityRequirement> security = e.getValue().getSecurity() != null
                    ? e.getValue().getSecurity() : api().getSecurity();
            assertThat(security).as("%s security (own or global)", e.getKey()).isNotNull().isNotEmpty();
            // every alternative must name the bearer scheme (an empty alternative would make the call anonymous)
            for (SecurityRequirement requirement : security) {
                assertThat(requirement).as("%s security requirement", e.getKey()).isNotEmpty();
                assertThat(requirement.keySet()).anySatisfy(name -> {
                    SecurityScheme scheme = api().getComponents().getSecuritySchemes().get(name);
                    assertThat(scheme).as("security scheme %s", name).isNotNull();
                    assertThat(scheme.getType()).isEqualTo(SecurityScheme.Type.HTTP);
                    assertThat(scheme.getScheme()).isEqualToIgnoringCase("bearer");
                });
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyErrorResponseIsAProblemWithACorrelationId() {
        List<DynamicTest> tests = new ArrayList<>();
        // a health check's 503 carries the health document, as monitoring tools expect
        channelOperations().forEach((op, operation) -> operation.getResponses().forEach((status, ref) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                tests.add(dynamicTest(op + " " + status, () -> {
                    ApiResponse response = Spec.response(ref);
                    assertThat(response.getContent()).as("content").isNotNull();
                    assertThat(response.getContent().keySet()).as("media types").containsExactly("application/problem+json");
                    assertThat(response.getContent().get("application/problem+json").getSchema().get$ref())
                            .isEqualTo(Spec.SCHEMAS + "Problem");
                    assertThat(response.getHeaders()).as("headers").isNotNull().containsKey("x-ms-correlation-id");
                }));
            }
        }));
        assertThat(tests).as("error responses found").isNotEmpty();
        return tests.stream();
    }

    /** Every emulator path answers 404 on a server started with {@code --no-emulator}: each operation says so. */
    @TestFactory
    Stream<DynamicTest> everyEmulatorOperationDeclaresTheNotFoundOfAServerWithoutTheEmulator() {
        Map<String, Operation> emulator = new LinkedHashMap<>(channelOperations());
        emulator.keySet().removeIf(op -> !op.substring(op.indexOf(' ') + 1).startsWith("/emulator/"));
        assertThat(emulator).hasSizeGreaterThanOrEqualTo(8);
        return emulator.entrySet().stream().map(e -> dynamicTest(e.getKey(), () -> {
            ApiResponse notFound = Spec.response(e.getValue().getResponses().get("404"));
            assertThat(notFound).as("404").isNotNull();
            assertThat(notFound.getDescription()).contains("--no-emulator");
        }));
    }

    /**
     * Every call a channel makes reaches the store, which can fail in the two documented ways — except the emulator's
     * test controls kept in memory (fault rules, the request journal), marked {@code x-reaches-store: false}, which
     * declare no store failure.
     */
    @TestFactory
    Stream<DynamicTest> everyChannelOperationDeclaresTheStoresTwoFailures() {
        return channelOperations().entrySet().stream().map(e -> dynamicTest(e.getKey(), () -> {
            Map<String, Object> extensions = e.getValue().getExtensions();
            if (extensions != null && Boolean.FALSE.equals(extensions.get("x-reaches-store"))) {
                assertThat(e.getValue().getResponses()).as("responses of an operation kept off the store")
                        .doesNotContainKey("503");
                return;
            }
            ApiResponse transient503 = Spec.response(e.getValue().getResponses().get("503"));
            ApiResponse needsAnOperator = Spec.response(e.getValue().getResponses().get("500"));
            assertThat(transient503).as("503").isNotNull();
            assertThat(transient503.getHeaders()).containsKey("Retry-After");
            assertThat(needsAnOperator).as("500").isNotNull();
            assertThat(needsAnOperator.getDescription()).contains("Store cannot work").contains("no `Retry-After`");
        }));
    }

    @Test
    void theProblemCarriesTheErrorCode() {
        Schema<?> errorCode = Spec.property(Spec.schema("Problem"), "errorCode");
        assertThat(errorCode.getType()).isEqualTo("integer");
        assertThat(errorCode.getMinimum()).isEqualByComparingTo("30001");
        assertThat(errorCode.getMaximum()).isEqualByComparingTo("30016");
    }

    @Nested
    class DocumentedLimits {

        @Test
        void textIsAtMost6000Characters() {
            assertThat(Spec.property(Spec.schema("MessageActivity"), "text").getMaxLength()).isEqualTo(6000);
        }

        @TestFactory
        Stream<DynamicTest> customerContextStringsAreAtMost200Characters() {
            Schema<?> customerContext = Spec.property(Spec.schema("CreateConversationRequest"), "customercontext");
            return Stream.of("customerid", "firstname", "lastname", "preferredname", "email", "phonenumber")
                    .map(name -> dynamicTest("customercontext." + name, () -> {
                        Schema<?> s = Spec.property(customerContext, name);
                        assertThat(s.getType()).isEqualTo("string");
                        assertThat(s.getMaxLength()).isEqualTo(200);
                    }));
        }

        @Test
        void conversationContextHasAtMost100Entries() {
            Schema<?> context = Spec.property(Spec.schema("CreateConversationRequest"), "conversationcontext");
            assertThat(context.getMaxProperties()).isEqualTo(100);
            assertThat(context.getAdditionalProperties()).as("values are ContextVariable")
                    .isInstanceOfSatisfying(Schema.class,
                            s -> assertThat(s.get$ref()).isEqualTo(Spec.SCHEMAS + "ContextVariable"));
        }

        @TestFactory
        Stream<DynamicTest> fieldsOf256Characters() {
            Map<String, Schema<?>> fields = new LinkedHashMap<>();
            for (String activity : List.of("MessageActivity", "TypingActivity", "EndOfConversationActivity", "EventActivity")) {
                fields.put(activity + ".from.id", Spec.property(Spec.schema(activity), "from", "id"));
                fields.put(activity + ".from.name", Spec.property(Spec.schema(activity), "from", "name"));
            }
            Schema<?> attachment = Spec.items(Spec.property(Spec.schema("MessageActivity"), "attachments"));
            fields.put("MessageActivity.attachments[].contentType", Spec.property(attachment, "contentType"));
            fields.put("MessageActivity.attachments[].name", Spec.property(attachment, "name"));
            fields.put("MessageActivity.channelData.messagingapi-oc.type",
                    Spec.property(Spec.schema("MessageActivity"), "channelData", "messagingapi-oc", "type"));
            fields.put("EventActivity.name", Spec.property(Spec.schema("EventActivity"), "name"));
            return fields.entrySet().stream().map(e -> dynamicTest(e.getKey(), () -> {
                assertThat(e.getValue().getType()).isEqualTo("string");
                assertThat(e.getValue().getMaxLength()).isEqualTo(256);
            }));
        }
    }
}
