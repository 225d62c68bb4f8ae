package io.github.ccmessaging.server.fastpath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ccmessaging.server.ServerSettings;
import io.github.ccmessaging.server.SpecDocument;
import io.github.ccmessaging.server.conversation.ConversationResource;
import io.github.ccmessaging.server.http.ObjectMapperProvider;
import io.github.ccmessaging.server.model.Activity;
import io.github.ccmessaging.server.model.CreateConversationRequest;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The fast path covers every documented send and create body: the OpenAPI document's request examples pass the quick
 * check. A constraint the quick check does not understand, added to a member of these bodies (by the spec, the
 * generator, or a hand-written annotation), would send every such request through the full validation — silently, since
 * the answers stay the same. These tests make it loud.
 */
class DocumentedBodiesTakeTheFastPathTest {
    private static final String SEND = "/api/v1.0/consumer/conversation/{conversationId}";
    private static final String CREATE = "/api/v1.0/consumer/conversation/create";
    private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();
    private static final ObjectMapper JSON = ObjectMapperProvider.newObjectMapper();
    private static final ConversationResource RESOURCE = new ConversationResource(null, null, JSON, null);

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    private static Method method(String name) {
        for (Method method : ConversationResource.class.getMethods()) {
            if (method.getName().equals(name) && !method.isBridge()) {
                return method;
            }
        }
        throw new IllegalStateException(name);
    }

    private record Example(String name, JsonNode value) {
    }

    /** The request examples of an operation of the document, by name. */
    private static List<Example> examples(String path) {
        JsonNode examples = SpecDocument.at(SpecDocument.messaging(), SpecDocument.operation(path, "post")
                + "/requestBody/content/application~1json/examples");
        List<Example> found = new ArrayList<>();
        examples.fields().forEachRemaining(e -> found.add(new Example(e.getKey(),
                SpecDocument.resolve(SpecDocument.messaging(), e.getValue()).get("value"))));
        return found;
    }

    /** Each example is valid, and the quick check says so: the request would take the fast path. */
    private static Stream<DynamicTest> takeTheFastPath(List<Example> examples, Method method,
                                                       java.util.function.Function<JsonNode, Object[]> arguments) {
        return examples.stream().map(example -> dynamicTest(example.name(), () -> {
            Object[] args = arguments.apply(example.value());
            assertThat(VALIDATOR.forExecutables().validateParameters(RESOURCE, method, args))
                    .as("bean validation of the documented example").isEmpty();
            assertThat(new QuickValidation(VALIDATOR).passes(RESOURCE, method, args))
                    .as("the quick check no longer covers the documented %s body: a constraint it does not understand "
                            + "sits on one of its members (teach QuickCheck that constraint)", example.name())
                    .isTrue();
        }));
    }

    private static <T> T read(JsonNode value, Class<T> type) {
        try {
            return JSON.treeToValue(value, type);
        } catch (java.io.IOException e) {
            throw new AssertionError("the documented example is not a " + type.getSimpleName(), e);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyDocumentedSendBodyTakesTheFastPath() {
        List<Example> examples = examples(SEND);
        assertThat(examples).extracting(Example::name).contains("textMessage", "typing", "endOfConversation",
                "readEvent", "customEvent");
        return takeTheFastPath(examples, method("sendActivity"), body -> new Object[] {
            ServerSettings.DEV_CHANNEL_ID, ServerSettings.DEV_ORGANIZATION_ID,
            body.path("conversation").path("id").asText("9a1c3c0e-52f7-4b5e-9c6a-3f2d1e0b8a77"),
            read(body, Activity.class)});
    }

    @TestFactory
    Stream<DynamicTest> everyDocumentedCreateBodyTakesTheFastPath() {
        List<Example> examples = examples(CREATE);
        assertThat(examples).extracting(Example::name).contains("documented", "minimal");
        return takeTheFastPath(examples, method("createConversation"), body -> new Object[] {
            ServerSettings.DEV_CHANNEL_ID, ServerSettings.DEV_ORGANIZATION_ID,
            read(body, CreateConversationRequest.class)});
    }

    /** What the examples' tests guard against: a constraint the quick check does not know makes it unsure. */
    @Test
    void aConstraintTheQuickCheckDoesNotKnowSendsEveryRequestTheFullWay() {
        QuickCheck quick = new QuickCheck(VALIDATOR);
        Priced valid = new Priced(BigDecimal.ONE);
        assertThat(VALIDATOR.validate(valid)).isEmpty();
        assertThat(quick.passes(valid)).as("@DecimalMax is not understood: not sure, so the full way").isFalse();
        Counted counted = new Counted(5);
        assertThat(VALIDATOR.validate(counted)).isEmpty();
        assertThat(quick.passes(counted)).as("@Min and @Max of a whole number are understood").isTrue();
        assertThat(quick.passes(new Counted(11))).isFalse();
        assertThat(quick.passes(new Counted(0))).isFalse();
    }

    /** A bean with a constraint the quick check does not understand. */
    public static final class Priced {
        @DecimalMax("10")
        private final BigDecimal price;

        Priced(BigDecimal price) {
            this.price = price;
        }

        public BigDecimal getPrice() {
            return price;
        }
    }

    /** A bean with {@code @Min} and {@code @Max}. */
    public static final class Counted {
        @Min(1)
        @Max(10)
        private final Integer count;

        Counted(Integer count) {
            this.count = count;
        }

        public Integer getCount() {
            return count;
        }
    }
}
