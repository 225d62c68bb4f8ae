package io.github.ccmessaging.server.fastpath;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ccmessaging.server.conversation.ConversationResource;
import io.github.ccmessaging.server.http.ObjectMapperProvider;
import io.github.ccmessaging.server.model.Activity;
import io.github.ccmessaging.server.model.ConversationAccount;
import io.github.ccmessaging.server.model.CreateConversationRequest;
import io.github.ccmessaging.server.model.MessageActivity;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The quick check may only say "valid" when Hibernate Validator finds no violation, and should say it for the
 * ordinary valid requests (otherwise the fast path would never be taken).
 */
class QuickCheckTest {
    private static final String GUID = "c0ffee00-0000-4000-8000-000000000001";
    private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();
    private static final ObjectMapper JSON = ObjectMapperProvider.newObjectMapper();
    private static final Method SEND = method("sendActivity");
    private static final Method CREATE = method("createConversation");
    private static final Method LIST_MESSAGES = method("listMessages");

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    private static Method method(String name) {
        for (Method method : ConversationResource.class.getMethods()) {
            if (method.getName().equals(name)) {
                return method;
            }
        }
        throw new IllegalStateException(name);
    }

    private static String text(int length) {
        return "x".repeat(length);
    }

    /** Valid bodies of every activity type, and bodies that break one constraint each. */
    private static List<String> activities() {
        List<String> bodies = new ArrayList<>(List.of(
                "{\"type\":\"message\",\"text\":\"Hello\",\"from\":{\"id\":\"c-1\",\"name\":\"John\"},"
                        + "\"conversation\":{\"id\":\"" + GUID + "\"}}",
                "{\"type\":\"message\",\"attachments\":[{\"contentType\":\"image/png\",\"name\":\"a.png\"}]}",
                "{\"type\":\"message\",\"attachments\":[{\"contentType\":\"" + text(257) + "\"}]}",
                "{\"type\":\"message\",\"attachments\":[{\"contentType\":\"" + text(256) + "\"}]}",
                "{\"type\":\"message\",\"text\":\"" + text(6000) + "\"}",
                "{\"type\":\"message\",\"text\":\"" + text(6001) + "\"}",
                "{\"type\":\"message\",\"id\":\"" + text(257) + "\",\"text\":\"x\"}",
                "{\"type\":\"message\",\"from\":{\"name\":\"" + text(257) + "\"},\"text\":\"x\"}",
                "{\"type\":\"message\",\"text\":\"x\",\"channelData\":{\"messagingapi-oc\":{\"type\":\"" + text(300) + "\"}}}",
                "{\"type\":\"typing\",\"from\":{\"name\":\"John\"}}",
                "{\"type\":\"endOfConversation\",\"code\":\"" + text(257) + "\"}",
                "{\"type\":\"endOfConversation\"}",
                "{\"type\":\"event\",\"name\":\"MessageRead\",\"value\":{\"messageId\":\"1745323200123\"}}",
                "{\"type\":\"event\",\"name\":\"MessageRead\",\"value\":{\"messageId\":\"17453232001\"}}",
                "{\"type\":\"event\",\"name\":\"TestEvent\",\"channelData\":{\"customEvent\":true,"
                        + "\"customEventName\":\"" + text(257) + "\"}}"));
        Random random = new Random(6);
        for (int i = 0; i < 200; i++) {
            String id = text(250 + random.nextInt(10));
            String body = text(5995 + random.nextInt(10));
            String name = text(250 + random.nextInt(10));
            bodies.add(switch (random.nextInt(3)) {
                case 0 -> "{\"type\":\"message\",\"id\":\"" + id + "\",\"text\":\"" + body + "\"}";
                case 1 -> "{\"type\":\"event\",\"name\":\"" + name + "\"}";
                default -> "{\"type\":\"typing\",\"from\":{\"id\":\"" + id + "\"}}";
            });
        }
        return bodies;
    }

    @Test
    void saysValidExactlyWhenHibernateValidatorFindsNoViolation() throws Exception {
        QuickCheck quick = new QuickCheck(VALIDATOR);
        int valid = 0;
        for (String body : activities()) {
            Activity activity = JSON.readValue(body, Activity.class);
            boolean noViolation = VALIDATOR.validate(activity).isEmpty();
            assertThat(quick.passes(activity)).as(body).isEqualTo(noViolation);
            valid += noViolation ? 1 : 0;
        }
        assertThat(valid).as("valid bodies in the sample").isGreaterThan(20);
    }

    @Test
    void nullWhereNotNullIsRequiredIsNeverValid() {
        QuickCheck quick = new QuickCheck(VALIDATOR);
        MessageActivity withoutType = new MessageActivity().text("x");
        MessageActivity conversationWithoutId = new MessageActivity().type(MessageActivity.TypeEnum.MESSAGE)
                .text("x").conversation(new ConversationAccount());
        for (Activity activity : List.<Activity>of(withoutType, conversationWithoutId)) {
            assertThat(VALIDATOR.validate(activity)).isNotEmpty();
            assertThat(quick.passes(activity)).isFalse();
        }
        assertThat(quick.passes(new MessageActivity().type(MessageActivity.TypeEnum.MESSAGE).text("x"))).isTrue();
    }

    @Test
    void checksTheParametersOfSendActivityAsExecutableValidationDoes() throws Exception {
        QuickValidation validation = new QuickValidation(VALIDATOR);
        ConversationResource resource = new ConversationResource(null, null, JSON, null);
        Activity message = JSON.readValue("{\"type\":\"message\",\"text\":\"Hello\"}", Activity.class);
        Activity tooLong = JSON.readValue("{\"type\":\"message\",\"text\":\"" + text(6001) + "\"}", Activity.class);
        List<Object[]> cases = List.of(
                new Object[] {GUID, GUID, GUID, message},
                new Object[] {GUID.toUpperCase(), GUID, GUID, message},
                new Object[] {GUID, GUID, "not-a-guid", message},
                new Object[] {GUID, GUID, GUID + "\n", message},
                new Object[] {null, GUID, GUID, message},
                new Object[] {GUID, "x", GUID, message},
                new Object[] {GUID, GUID, GUID, null},
                new Object[] {GUID, GUID, GUID, tooLong});
        for (Object[] args : cases) {
            boolean noViolation = VALIDATOR.forExecutables().validateParameters(resource, SEND, args).isEmpty();
            assertThat(validation.passes(resource, SEND, args)).as(java.util.Arrays.toString(args))
                    .isEqualTo(noViolation);
        }
        assertThat(validation.passes(resource, SEND, cases.get(0))).isTrue();
    }

    @Test
    void checksCreateConversationBodies() throws Exception {
        QuickValidation validation = new QuickValidation(VALIDATOR);
        ConversationResource resource = new ConversationResource(null, null, JSON, null);
        StringBuilder manyVariables = new StringBuilder("{\"conversationcontext\":{");
        for (int i = 0; i < 101; i++) {
            manyVariables.append(i == 0 ? "" : ",").append("\"v").append(i).append("\":{\"value\":\"x\"}");
        }
        manyVariables.append("}}");
        for (String body : List.of("{}", "{\"customercontext\":{\"customerid\":\"c-1\"}}",
                "{\"conversationcontext\":{\"a\":{\"value\":\"x\"}}}", manyVariables.toString(),
                "{\"startmessage\":{\"message\":\"" + text(30000) + "\"}}")) {
            CreateConversationRequest request = JSON.readValue(body, CreateConversationRequest.class);
            Object[] args = {GUID, GUID, request};
            boolean noViolation = VALIDATOR.forExecutables().validateParameters(resource, CREATE, args).isEmpty();
            assertThat(validation.passes(resource, CREATE, args)).as(body).isEqualTo(noViolation);
        }
    }

    @Test
    void checksPageSizesAsExecutableValidationDoes() {
        QuickValidation validation = new QuickValidation(VALIDATOR);
        ConversationResource resource = new ConversationResource(null, null, JSON, null);
        for (Integer pageSize : new Integer[] {null, Integer.MIN_VALUE, -1, 0, 1, 50, 100, 101, Integer.MAX_VALUE}) {
            Object[] args = {GUID, GUID, GUID, null, pageSize, null};
            boolean noViolation = VALIDATOR.forExecutables().validateParameters(resource, LIST_MESSAGES, args).isEmpty();
            assertThat(validation.passes(resource, LIST_MESSAGES, args)).as("PageSize " + pageSize)
                    .isEqualTo(noViolation);
        }
        assertThat(validation.passes(resource, LIST_MESSAGES, new Object[] {GUID, GUID, GUID, null, 50, null}))
                .as("the default page size takes the fast path").isTrue();
    }

    @Test
    void withoutAValidatorEverythingTakesTheFullPath() throws Exception {
        QuickValidation validation = new QuickValidation((jakarta.validation.Validator) null);
        Activity message = JSON.readValue("{\"type\":\"message\",\"text\":\"Hello\"}", Activity.class);
        assertThat(validation.passes(new ConversationResource(null, null, JSON, null), SEND,
                new Object[] {GUID, GUID, GUID, message})).isFalse();
    }
}
