package io.github.ccmessaging.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/** Reads JSON the server itself stored (activities, context); unreadable JSON there is a server fault, not bad input. */
public final class StoredJson {
    private StoredJson() {
    }

    public static JsonNode read(ObjectMapper json, String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Stored JSON is unreadable", e);
        }
    }
}
