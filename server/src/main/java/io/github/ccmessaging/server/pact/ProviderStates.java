package io.github.ccmessaging.server.pact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ccmessaging.server.channel.Channel;
import io.github.ccmessaging.server.channel.Guids;
import io.github.ccmessaging.server.conversation.ConsumerPath;
import io.github.ccmessaging.server.fault.Fault;
import io.github.ccmessaging.server.fault.FaultRule;
import io.github.ccmessaging.server.fault.FaultRules;
import io.github.ccmessaging.server.fault.RequestMatch;
import io.github.ccmessaging.server.model.ContextVariable;
import io.github.ccmessaging.server.problem.ApiProblem;
import io.github.ccmessaging.server.problem.ErrorCode;
import io.github.ccmessaging.server.store.ConversationIdTaken;
import io.github.ccmessaging.server.store.ConversationStore;
import io.github.ccmessaging.server.store.NewActivity;
import io.github.ccmessaging.server.store.NewConversation;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The Pact provider states a channel's pacts can name, set up through the emulator's state change URL. Each state is
 * made from scratch in the caller's channel, so an interaction never depends on the ones before it; the answer holds
 * the values the pact injects ({@code conversationId}, {@code messageId}, ...). The catalogue is documented in the
 * OpenAPI document ({@code POST /emulator/pact/provider-states}).
 */
public final class ProviderStates {
    public static final String CONVERSATION_EXISTS = "a conversation exists";
    public static final String CONVERSATION_CLOSED = "the conversation is closed";
    public static final String REPRESENTATIVE_MESSAGE = "the representative has sent a message";
    public static final String CUSTOMER_CONVERSATION = "the customer has a conversation";
    public static final String LATER_CONVERSATION = "another conversation was created after it";
    public static final String RATE_LIMITED = "the API is rate limited";
    public static final String UNAVAILABLE = "the API is unavailable";
    public static final String FAILING = "the API fails";
    /** Every state of the catalogue, in the order the OpenAPI document lists them. */
    public static final List<String> CATALOGUE = List.of(CONVERSATION_EXISTS, CONVERSATION_CLOSED,
            REPRESENTATIVE_MESSAGE, CUSTOMER_CONVERSATION, LATER_CONVERSATION, RATE_LIMITED, UNAVAILABLE, FAILING);
    static final String DEFAULT_REPRESENTATIVE_TEXT = "Hello, how can I help?";
    static final String DEFAULT_CUSTOMER_ID = "1234";

    private final ConversationStore store;
    private final FaultRules faults;
    private final RepresentativeMessages representative;
    private final ObjectMapper json;
    private final Clock clock;

    /** Sends a message of the representative to a conversation, as the emulator's own endpoint does. */
    @FunctionalInterface
    public interface RepresentativeMessages {
        /** @return the message's {@code messageId} */
        String send(Channel channel, String conversationId, String text);
    }

    public ProviderStates(ConversationStore store, FaultRules faults, RepresentativeMessages representative,
                          ObjectMapper json, Clock clock) {
        this.store = store;
        this.faults = faults;
        this.representative = representative;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Sets up or tears down a state in the channel.
     *
     * @param params the state's parameters (null: none)
     * @return the values for provider-state injection
     * @throws ApiProblem for an unknown state or a malformed parameter
     */
    public Map<String, Object> change(Channel channel, String state, Map<String, Object> params, boolean setup) {
        StateParams p = new StateParams(params);
        if (state == null || state.isBlank()) {
            return Map.of();
        }
        if (!CATALOGUE.contains(state)) {
            throw new ApiProblem(ErrorCode.OPERATION_NOT_SUPPORTED, "The emulator knows no provider state '" + state
                    + "'. Its states: '" + String.join("', '", CATALOGUE) + "'.");
        }
        if (!setup) {
            if (state.equals(RATE_LIMITED) || state.equals(UNAVAILABLE) || state.equals(FAILING)) {
                faults.removeMadeByStates(channel.channelId());
            }
            return Map.of();
        }
        return switch (state) {
            case CONVERSATION_EXISTS -> Map.of("conversationId", conversation(channel, p, p.string("customerId")));
            case CONVERSATION_CLOSED -> {
                String id = conversation(channel, p, null);
                store.close(channel.channelId(), id);
                yield Map.of("conversationId", id);
            }
            case REPRESENTATIVE_MESSAGE -> {
                String id = conversation(channel, p, null);
                String text = p.text("text", DEFAULT_REPRESENTATIVE_TEXT);
                yield Map.of("conversationId", id, "messageId", representative.send(channel, id, text));
            }
            case CUSTOMER_CONVERSATION -> {
                String customerId = p.string("customerId") == null ? DEFAULT_CUSTOMER_ID : p.string("customerId");
                yield Map.of("conversationId", conversation(channel, p, customerId), "customerId", customerId);
            }
            case LATER_CONVERSATION -> Map.of("laterConversationId",
                    create(channel, UUID.randomUUID().toString(), null, "{}"));
            case RATE_LIMITED -> fault(channel, state, p, 429);
            case UNAVAILABLE -> fault(channel, state, p, 503);
            default -> fault(channel, state, p, 500);
        };
    }

    /** A conversation made anew with the chosen (or a random) id, its context, and its customer's message. */
    private String conversation(Channel channel, StateParams p, String customerId) {
        String chosen = p.conversationId();
        String message = p.text("customerMessage", null);
        String id = create(channel, chosen == null ? UUID.randomUUID().toString() : chosen, customerId,
                contextJson(p.context()));
        if (message != null) {
            String activity = json.createObjectNode().put("type", "message").put("text", message).toString();
            store.append(channel.channelId(), id, new NewActivity(null, "message", activity, clock.instant(), false));
        }
        return id;
    }

    private String create(Channel channel, String id, String customerId, String contextJson) {
        try {
            return store.create(new NewConversation(channel.channelId(), customerId, null, contextJson, null,
                    clock.instant(), id)).conversationId();
        } catch (ConversationIdTaken e) {
            throw new ApiProblem(ErrorCode.INVALID_CONVERSATION_ID, e.getMessage());
        }
    }

    private String contextJson(Map<String, Object> context) {
        if (context.size() > 100) {
            throw new ApiProblem(ErrorCode.TOO_MANY_CONTEXT_VARIABLES,
                    "params.context has " + context.size() + " variables; a conversation keeps at most 100.");
        }
        Map<String, ContextVariable> variables = new LinkedHashMap<>();
        context.forEach((name, value) -> variables.put(name, variable(name, value)));
        try {
            return json.writeValueAsString(variables);
        } catch (JsonProcessingException e) {
            throw new ApiProblem(ErrorCode.MALFORMED_REQUEST, "params.context cannot be stored: " + e.getOriginalMessage());
        }
    }

    private static ContextVariable variable(String name, Object value) {
        if (value instanceof Map<?, ?> given && given.containsKey("value")) {
            return new ContextVariable().value(scalar(name, given.get("value")))
                    .isDisplayable(given.get("isDisplayable") instanceof Boolean shown ? shown : null);
        }
        return new ContextVariable().value(scalar(name, value));
    }

    private static Object scalar(String name, Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        throw new ApiProblem(ErrorCode.MALFORMED_REQUEST,
                "params.context." + name + " must be a string, a number, a boolean or {\"value\": ...}.");
    }

    /** A fault rule made by the state: the channel's requests until teardown (or the next {@code times}) get {@code status}. */
    private Map<String, Object> fault(Channel channel, String state, StateParams p, int status) {
        Integer retryAfter = status == 500 ? null : p.integer("retryAfterSeconds", 0, 3600, 1);
        // until teardown by default: Pact's own verifier retries a 429 or 503 once, and its retry must fail as well
        Integer times = p.has("times") ? p.integer("times", 1, 1_000_000, 1) : null;
        String method = p.string("method");
        if (method != null && !method.equals("GET") && !method.equals("POST")) {
            throw new ApiProblem(ErrorCode.MALFORMED_REQUEST, "params.method must be GET or POST.");
        }
        String template = p.string("path");
        ConsumerPath path = template == null ? null : ConsumerPath.ofTemplate(template).orElseThrow(() ->
                new ApiProblem(ErrorCode.MALFORMED_REQUEST, "params.path must be a path template of the consumer API, "
                        + "e.g. /api/v1.0/consumer/conversation/{conversationId}."));
        FaultRule rule = new FaultRule(UUID.randomUUID().toString(), channel.channelId(),
                new RequestMatch(method, path, null), Fault.status(status, retryAfter, null), times, 1, 0, state);
        try {
            faults.add(rule);
        } catch (FaultRules.TooManyRules e) {
            throw new ApiProblem(ErrorCode.OPERATION_NOT_SUPPORTED, e.getMessage());
        }
        return Map.of("ruleId", rule.id());
    }

    /** The parameters of a state change, read with the documented codes for malformed ones. */
    private static final class StateParams {
        private final Map<String, Object> params;

        StateParams(Map<String, Object> params) {
            this.params = params == null ? Map.of() : params;
        }

        String string(String name) {
            Object value = params.get(name);
            if (value == null) {
                return null;
            }
            if (value instanceof String || value instanceof Number) {
                return value.toString();
            }
            throw new ApiProblem(ErrorCode.MALFORMED_REQUEST, "params." + name + " must be a string.");
        }

        String text(String name, String fallback) {
            String text = string(name);
            if (text == null) {
                return fallback;
            }
            if (text.isBlank() || text.length() > 6000) {
                throw new ApiProblem(text.isBlank() ? ErrorCode.NO_TEXT_OR_ATTACHMENTS : ErrorCode.TEXT_TOO_LONG,
                        "params." + name + " must be a non-blank text of at most 6,000 characters.");
            }
            return text;
        }

        String conversationId() {
            String id = string("conversationId");
            if (id != null && !Guids.isGuid(id)) {
                throw new ApiProblem(ErrorCode.INVALID_CONVERSATION_ID, "params.conversationId must be a GUID.");
            }
            return id == null ? null : id.toLowerCase(Locale.ROOT);
        }

        boolean has(String name) {
            return params.get(name) != null;
        }

        int integer(String name, int min, int max, int fallback) {
            Object value = params.get(name);
            if (value == null) {
                return fallback;
            }
            long number;
            try {
                number = value instanceof Number n && n.doubleValue() == n.longValue() ? n.longValue()
                        : Long.parseLong(value.toString());
            } catch (NumberFormatException e) {
                number = Long.MIN_VALUE;
            }
            if (number < min || number > max) {
                throw new ApiProblem(ErrorCode.MALFORMED_REQUEST,
                        "params." + name + " must be a whole number from " + min + " to " + max + ".");
            }
            return (int) number;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> context() {
            Object value = params.get("context");
            if (value == null) {
                return Map.of();
            }
            if (value instanceof Map<?, ?> map) {
                return (Map<String, Object>) map;
            }
            throw new ApiProblem(ErrorCode.MALFORMED_REQUEST, "params.context must be an object of name to value.");
        }
    }
}
