package io.github.ccmessaging.bench.jmh;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.github.ccmessaging.server.activity.ActivityRules;
import io.github.ccmessaging.server.activity.CheckedActivity;
import io.github.ccmessaging.server.conversation.ConversationResource;
import io.github.ccmessaging.server.http.ObjectMapperProvider;
import io.github.ccmessaging.server.fastpath.QuickValidation;
import io.github.ccmessaging.server.model.Activity;
import io.github.ccmessaging.server.store.Appended;
import io.github.ccmessaging.server.store.memory.InMemoryConversationStore;
import io.github.ccmessaging.server.store.MessageIdClock;
import io.github.ccmessaging.server.store.NewActivity;
import io.github.ccmessaging.server.store.NewConversation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.executable.ExecutableValidator;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The server's hot path for one activity, in-process and without HTTP, per activity type: what
 * {@code POST /api/v1.0/consumer/conversation/{id}} does once Jersey has the body bytes.
 *
 * <ul>
 *   <li>{@code deserialize}: the server's {@link ObjectMapperProvider#newObjectMapper() mapper} reads the body into the
 *       generated {@link Activity} union;</li>
 *   <li>{@code validate}: Hibernate Validator checks the parameters of {@code ConversationResource.sendActivity} as
 *       Jersey's bean validation does (the header patterns, {@code @NotNull @Valid Activity}); the server runs it
 *       only when {@code quickValidate} is not sure;</li>
 *   <li>{@code quickValidate}: {@link QuickValidation}, the server's check that every constraint is kept, which
 *       lets a valid request skip {@code validate};</li>
 *   <li>{@code validateBody}: for comparison, Hibernate Validator on the activity alone ({@code Validator.validate}),
 *       without the executable validation of the method's parameters;</li>
 *   <li>{@code rules}: {@link ActivityRules#check};</li>
 *   <li>{@code store}: the JSON the resource stores, then {@link InMemoryConversationStore#append}, which assigns the
 *       {@code messageId};</li>
 *   <li>{@code hotPath}: deserialize, quickValidate (validate only when it is not sure), rules and store in a row,
 *       as one request runs them.</li>
 * </ul>
 *
 * The store is replaced before every iteration so that its growth does not turn into a benchmark of the heap.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseParallelGC"})
public class HotPathBenchmark {
    static final String CHANNEL = "c0ffee00-0000-4000-8000-000000000001";
    static final String ORGANIZATION = "c0ffee00-0000-4000-8000-000000000002";

    /** The body of each activity type, as the OpenAPI document's examples have them. */
    static String body(String type, String conversationId) {
        String common = "\"channelId\":\"" + CHANNEL + "\",\"conversation\":{\"id\":\"" + conversationId + "\"}";
        return switch (type) {
            case "message" -> "{\"type\":\"message\"," + common
                    + ",\"from\":{\"id\":\"customer-1234\",\"name\":\"John Doe\"},\"text\":\"Hello, I need help with my order\"}";
            case "typing" -> "{\"type\":\"typing\"," + common + ",\"from\":{\"name\":\"John Doe\"}}";
            case "customEvent" -> "{\"type\":\"event\"," + common + ",\"name\":\"TestEvent\",\"channelData\":"
                    + "{\"customEvent\":true,\"customEventName\":\"TestEvent\",\"customEventValue\":"
                    + "\"{\\\"stringVar\\\":\\\"Hello\\\",\\\"numberVar\\\":-10.5,\\\"boolVar\\\":true}\"}}";
            case "readEvent" -> "{\"type\":\"event\"," + common
                    + ",\"name\":\"MessageRead\",\"value\":{\"messageId\":\"1745323200123\"}}";
            case "endOfConversation" -> "{\"type\":\"endOfConversation\"," + common + "}";
            default -> throw new IllegalArgumentException(type);
        };
    }

    /** What the server builds once at start. */
    @State(Scope.Benchmark)
    public static class Server {
        final ObjectMapper json = ObjectMapperProvider.newObjectMapper();
        final ObjectReader activityReader = json.readerFor(Activity.class);
        final ActivityRules rules = new ActivityRules(json);
        final Clock clock = Clock.systemUTC();
        final MessageIdClock messageIds = new MessageIdClock(clock);
        ValidatorFactory validation;
        ExecutableValidator validator;
        Validator beanValidator;
        QuickValidation quickValidation;
        Object resource;
        Method sendActivity;

        @Setup
        public void start() throws NoSuchMethodException {
            validation = Validation.buildDefaultValidatorFactory();
            beanValidator = validation.getValidator();
            validator = beanValidator.forExecutables();
            quickValidation = new QuickValidation(beanValidator);
            resource = new ConversationResource(new InMemoryConversationStore(messageIds), rules, json, clock);
            sendActivity = ConversationResource.class.getMethod("sendActivity", String.class, String.class,
                    String.class, Activity.class);
        }

        @TearDown
        public void stop() {
            validation.close();
        }

        String toJson(Activity activity) {
            try {
                return json.writeValueAsString(activity);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** One conversation, its body and the body already read, for each activity type that keeps it open. */
    @State(Scope.Thread)
    public static class Conversation {
        @Param({"message", "typing", "customEvent", "readEvent"})
        String type;

        InMemoryConversationStore store;
        String conversationId;
        byte[] body;
        Activity activity;
        CheckedActivity checked;
        Object[] parameters;

        @Setup(Level.Iteration)
        public void open(Server server) throws IOException {
            store = new InMemoryConversationStore(server.messageIds);
            conversationId = store.create(new NewConversation(CHANNEL, null, null, "{}", null,
                    server.clock.instant())).conversationId();
            body = body(type, conversationId).getBytes(StandardCharsets.UTF_8);
            activity = server.activityReader.readValue(body);
            checked = server.rules.check(activity, CHANNEL, conversationId);
            parameters = new Object[] {CHANNEL, ORGANIZATION, conversationId, activity};
            if (!server.validator.validateParameters(server.resource, server.sendActivity, parameters).isEmpty()) {
                throw new IllegalStateException("The " + type + " body does not validate");
            }
            if (!server.quickValidation.passes(server.resource, server.sendActivity, parameters)) {
                throw new IllegalStateException("The quick check is not sure of the valid " + type + " body");
            }
        }
    }

    /** A fresh conversation before each call, for {@code endOfConversation}, which closes it. */
    @State(Scope.Thread)
    public static class Closing {
        InMemoryConversationStore store;
        String conversationId;
        byte[] body;

        @Setup(Level.Iteration)
        public void newStore(Server server) {
            store = new InMemoryConversationStore(server.messageIds);
        }

        @Setup(Level.Invocation)
        public void open(Server server) {
            conversationId = store.create(new NewConversation(CHANNEL, null, null, "{}", null,
                    server.clock.instant())).conversationId();
            body = body("endOfConversation", conversationId).getBytes(StandardCharsets.UTF_8);
        }
    }

    @Benchmark
    public Activity deserialize(Server server, Conversation conversation) throws IOException {
        return server.activityReader.readValue(conversation.body);
    }

    @Benchmark
    public Set<ConstraintViolation<Object>> validate(Server server, Conversation conversation) {
        return server.validator.validateParameters(server.resource, server.sendActivity, conversation.parameters);
    }

    @Benchmark
    public boolean quickValidate(Server server, Conversation conversation) {
        return server.quickValidation.passes(server.resource, server.sendActivity, conversation.parameters);
    }

    @Benchmark
    public Set<ConstraintViolation<Activity>> validateBody(Server server, Conversation conversation) {
        return server.beanValidator.validate(conversation.activity);
    }

    @Benchmark
    public CheckedActivity rules(Server server, Conversation conversation) {
        return server.rules.check(conversation.activity, CHANNEL, conversation.conversationId);
    }

    @Benchmark
    public Appended store(Server server, Conversation conversation) {
        return append(server, conversation.store, conversation.conversationId, conversation.activity,
                conversation.checked);
    }

    @Benchmark
    public String hotPath(Server server, Conversation conversation) throws IOException {
        return hotPath(server, conversation.store, conversation.conversationId, conversation.body);
    }

    @Benchmark
    public String hotPathEndOfConversation(Server server, Closing conversation) throws IOException {
        return hotPath(server, conversation.store, conversation.conversationId, conversation.body);
    }

    /** Mirrors {@code ConversationResource.sendActivity} after the body arrived. */
    private static String hotPath(Server server, InMemoryConversationStore store, String conversationId, byte[] body)
            throws IOException {
        Activity activity = server.activityReader.readValue(body);
        Object[] parameters = {CHANNEL, ORGANIZATION, conversationId, activity};
        if (!server.quickValidation.passes(server.resource, server.sendActivity, parameters)) {
            Set<ConstraintViolation<Object>> violations = server.validator.validateParameters(server.resource,
                    server.sendActivity, parameters);
            if (!violations.isEmpty()) {
                throw new IllegalStateException(violations.toString());
            }
        }
        CheckedActivity checked = server.rules.check(activity, CHANNEL, conversationId);
        Appended appended = append(server, store, conversationId, activity, checked);
        return checked.readMessageId() != null ? "" : Long.toString(appended.messageId());
    }

    private static Appended append(Server server, InMemoryConversationStore store, String conversationId,
                                   Activity activity, CheckedActivity checked) {
        NewActivity toStore = new NewActivity(checked.clientId(), checked.type(), server.toJson(activity),
                server.clock.instant(), checked.endsConversation());
        return store.append(CHANNEL, conversationId, toStore)
                .orElseThrow(() -> new IllegalStateException("Conversation " + conversationId + " is closed"));
    }
}
