package io.github.ccmessaging.server.conversation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccmessaging.server.model.ContextEntry;
import io.github.ccmessaging.server.model.ContextList;
import io.github.ccmessaging.server.model.ContextVariable;
import io.github.ccmessaging.server.problem.ApiProblem;
import io.github.ccmessaging.server.problem.ErrorCode;
import io.github.ccmessaging.server.store.StoredJson;
import java.util.ArrayList;
import java.util.Map;

/**
 * The rules of conversation context variables that the schema cannot express: each value a string, number or boolean,
 * and at most {@link #MAX} in a conversation after a change. A request that names more than {@link #MAX} itself breaks
 * the schema's {@code maxProperties} and is refused by bean validation before.
 */
public final class ContextVariables {
    /** The documented limit (the schema's {@code maxProperties}; a test keeps the two equal). */
    static final int MAX = 100;

    private ContextVariables() {
    }

    /** @throws ApiProblem 30012 for a value that is not a string, number or boolean */
    public static void check(Map<String, ContextVariable> variables) {
        variables.forEach((name, variable) -> {
            Object value = variable == null ? null : variable.getValue();
            if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                throw new ApiProblem(ErrorCode.MALFORMED_REQUEST,
                        "Context variable '" + name + "' needs a value that is a string, number or boolean.");
            }
        });
    }

    /** The stored context with {@code changes} added or replaced; still at most 100 variables. */
    public static String merge(ObjectMapper json, String contextJson, Map<String, ContextVariable> changes) {
        ObjectNode context = (ObjectNode) StoredJson.read(json, contextJson);
        changes.forEach((name, variable) -> context.set(name, json.valueToTree(variable)));
        if (context.size() > MAX) {
            throw tooMany(context.size());
        }
        return context.toString();
    }

    /** The stored context as the API lists it: name and value, in the order the variables were given. */
    public static ContextList list(ObjectMapper json, String contextJson) {
        ContextList list = new ContextList().context(new ArrayList<>());
        StoredJson.read(json, contextJson).fields().forEachRemaining(field -> list.getContext().add(new ContextEntry()
                .name(field.getKey()).value(json.convertValue(field.getValue().get("value"), Object.class))));
        return list;
    }

    private static ApiProblem tooMany(int count) {
        return new ApiProblem(ErrorCode.TOO_MANY_CONTEXT_VARIABLES,
                "The conversation context would have " + count + " variables; at most " + MAX + " are allowed.");
    }
}
