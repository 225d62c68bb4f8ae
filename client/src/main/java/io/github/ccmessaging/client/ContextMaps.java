package io.github.ccmessaging.client;

import io.github.ccmessaging.client.model.ContextEntry;
import io.github.ccmessaging.client.model.ContextList;
import io.github.ccmessaging.client.model.ContextVariable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Converts between the API's context documents and plain maps of name → value. */
final class ContextMaps {

    private ContextMaps() {
    }

    /**
     * The context as an unmodifiable map in the server's order. A name the server lists twice keeps its first
     * position and its last value; entries without a name are left out.
     */
    static Map<String, Object> toMap(ContextList list) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (list.getContext() != null) {
            for (ContextEntry entry : list.getContext()) {
                if (entry != null && entry.getName() != null) {
                    values.put(entry.getName(), entry.getValue());
                }
            }
        }
        return Collections.unmodifiableMap(values);
    }

    /**
     * Variables for a context update: a {@link ContextVariable} is sent as given, any other value as
     * {@code {"value": ...}}.
     *
     * @throws IllegalArgumentException when a name is blank or a value is {@code null}
     */
    static Map<String, ContextVariable> toVariables(Map<String, ?> values) {
        Map<String, ContextVariable> variables = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("context variable names must not be blank");
            }
            if (value == null) {
                throw new IllegalArgumentException("context variable " + name + " has no value");
            }
            variables.put(name, value instanceof ContextVariable variable ? variable
                    : new ContextVariable().value(value));
        });
        return variables;
    }
}
