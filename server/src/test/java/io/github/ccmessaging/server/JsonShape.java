package io.github.ccmessaging.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The shape of a JSON value: its members and their JSON types, without the values. Two documents have the same shape
 * when they carry the same member names with the same types at every level, whatever ids, texts or times they hold.
 */
public final class JsonShape {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonShape() {
    }

    /**
     * The value with every scalar replaced by its type name ({@code "string"}, {@code "number"}, {@code "boolean"},
     * {@code "null"}) and every array by the distinct shapes of its elements.
     */
    public static JsonNode of(JsonNode value) {
        if (value.isObject()) {
            ObjectNode shape = NODES.objectNode();
            value.fields().forEachRemaining(member -> shape.set(member.getKey(), of(member.getValue())));
            return shape;
        }
        if (value.isArray()) {
            Set<JsonNode> elements = new LinkedHashSet<>();
            value.forEach(element -> elements.add(of(element)));
            ArrayNode shape = NODES.arrayNode();
            elements.forEach(shape::add);
            return shape;
        }
        if (value.isTextual()) {
            return NODES.textNode("string");
        }
        if (value.isNumber()) {
            return NODES.textNode("number");
        }
        if (value.isBoolean()) {
            return NODES.textNode("boolean");
        }
        return NODES.textNode("null");
    }

    /** A copy of an object without the named top-level members. */
    public static ObjectNode without(JsonNode object, String... members) {
        ObjectNode copy = ((ObjectNode) object).deepCopy();
        copy.remove(java.util.List.of(members));
        return copy;
    }

    /** A JSON resource of the test classpath. */
    public static JsonNode resource(String name) {
        return read(text(name));
    }

    /** A resource of the test classpath as text, exactly as stored. */
    public static String text(String name) {
        try (InputStream in = Objects.requireNonNull(JsonShape.class.getClassLoader().getResourceAsStream(name), name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }
}
