package io.github.ccmessaging.server;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OpenAPI documents the server is generated from, as written (the api-spec jar's resources), for tests that take
 * limits, error codes and examples from them instead of copying them.
 */
public final class SpecDocument {
    public static final String MESSAGING = "openapi/messaging-api.yaml";
    public static final String WEBHOOK = "openapi/webhook-api.yaml";
    public static final String SCHEMAS = "/components/schemas/";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, JsonNode> TREES = new ConcurrentHashMap<>();

    private SpecDocument() {
    }

    public static JsonNode messaging() {
        return of(MESSAGING);
    }

    public static JsonNode webhook() {
        return of(WEBHOOK);
    }

    private static JsonNode of(String resource) {
        return TREES.computeIfAbsent(resource, r -> {
            try (InputStream in = Objects.requireNonNull(SpecDocument.class.getClassLoader().getResourceAsStream(r),
                    r + " not on the classpath")) {
                return YAML.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The node at a JSON pointer; fails when there is none. */
    public static JsonNode at(JsonNode root, String pointer) {
        JsonNode node = root.at(JsonPointer.compile(pointer));
        if (node.isMissingNode()) {
            throw new AssertionError("the document has nothing at " + pointer);
        }
        return node;
    }

    /** The node, or what its {@code $ref} (a reference within the same document) names, repeatedly. */
    public static JsonNode resolve(JsonNode root, JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            current = at(root, current.get("$ref").asText().substring(1));
        }
        return current;
    }

    /** The JSON pointer of an operation, e.g. {@code operation("/api/v1.0/consumer/conversations", "get")}. */
    public static String operation(String path, String method) {
        return "/paths/" + escape(path) + "/" + method;
    }

    /** A name as one token of a JSON pointer. */
    public static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
