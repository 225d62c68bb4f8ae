package io.github.ccmessaging.spec;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The documents as raw YAML trees, for the tests that read vendor extensions ({@code x-error-code},
 * {@code x-project-choice}) and descriptions at a JSON pointer, and a walk over what a request may carry.
 */
final class SpecTree {

    static final String MESSAGING = "openapi/messaging-api.yaml";
    static final String WEBHOOK = "openapi/webhook-api.yaml";
    /** The schema keywords that limit a value. */
    static final List<String> CONSTRAINTS = List.of("maxLength", "minLength", "pattern", "maximum", "minimum",
            "exclusiveMaximum", "exclusiveMinimum", "maxProperties", "minProperties", "maxItems", "minItems");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, JsonNode> TREES = new java.util.concurrent.ConcurrentHashMap<>();

    private SpecTree() {
    }

    static JsonNode of(String resource) {
        return TREES.computeIfAbsent(resource, r -> {
            try (InputStream in = Objects.requireNonNull(SpecTree.class.getClassLoader().getResourceAsStream(r), r)) {
                return YAML.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static JsonNode messaging() {
        return of(MESSAGING);
    }

    static JsonNode at(JsonNode root, String pointer) {
        JsonNode node = root.at(JsonPointer.compile(pointer));
        if (node.isMissingNode()) {
            throw new AssertionError("nothing at " + pointer);
        }
        return node;
    }

    /** The JSON pointer of an operation, e.g. {@code /paths/~1api~1v1.0~1consumer~1conversations/get}. */
    static String operationPointer(String path, String method) {
        return "/paths/" + path.replace("~", "~0").replace("/", "~1") + "/" + method;
    }

    /** A node that may be a {@code $ref} to a component of the same document, resolved (pointer and node). */
    record Located(String pointer, JsonNode node) {
    }

    static Located resolve(JsonNode root, Located located) {
        Located current = located;
        while (current.node().has("$ref")) {
            String ref = current.node().get("$ref").asText();
            if (!ref.startsWith("#")) {
                throw new AssertionError("external $ref " + ref);
            }
            current = new Located(ref.substring(1), at(root, ref.substring(1)));
        }
        return current;
    }

    /** One parameter of an operation, resolved, with the operation it belongs to. */
    record Parameter(String operationId, Located parameter) {
        String in() {
            return parameter.node().path("in").asText();
        }

        String name() {
            return parameter.node().path("name").asText();
        }

        String label() {
            return operationId + " " + in() + " " + name();
        }
    }

    /** Every operation of the document by pointer, optionally only those with one of {@code tags}. */
    static Map<String, JsonNode> operations(JsonNode root, Set<String> tags) {
        Map<String, JsonNode> operations = new java.util.LinkedHashMap<>();
        root.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            if (!List.of("get", "put", "post", "delete", "patch", "head", "options", "trace").contains(method.getKey())) {
                return;
            }
            boolean tagged = tags == null;
            for (JsonNode tag : method.getValue().path("tags")) {
                tagged |= tags != null && tags.contains(tag.asText());
            }
            if (tagged) {
                operations.put(operationPointer(path.getKey(), method.getKey()), method.getValue());
            }
        }));
        return operations;
    }

    static List<Parameter> parameters(JsonNode root, Set<String> tags) {
        List<Parameter> parameters = new ArrayList<>();
        operations(root, tags).forEach((pointer, operation) -> {
            JsonNode list = operation.path("parameters");
            for (int i = 0; i < list.size(); i++) {
                parameters.add(new Parameter(operation.path("operationId").asText(),
                        resolve(root, new Located(pointer + "/parameters/" + i, list.get(i)))));
            }
        });
        return parameters;
    }

    /**
     * Every schema a request body of the operations with one of {@code tags} may use, each once: the body schemas and
     * everything they reach through {@code $ref}, {@code oneOf}, {@code properties}, {@code items} and
     * {@code additionalProperties}.
     */
    static List<Located> requestBodySchemas(JsonNode root, Set<String> tags) {
        Set<String> seen = new LinkedHashSet<>();
        List<Located> found = new ArrayList<>();
        operations(root, tags).forEach((pointer, operation) -> operation.path("requestBody").path("content")
                .fields().forEachRemaining(media -> walk(root,
                        new Located(pointer + "/requestBody/content/" + media.getKey().replace("/", "~1") + "/schema",
                                media.getValue().path("schema")), seen, found)));
        return found;
    }

    private static void walk(JsonNode root, Located schema, Set<String> seen, List<Located> found) {
        if (schema.node().isMissingNode() || !schema.node().isObject()) {
            return;
        }
        Located resolved = resolve(root, schema);
        if (!seen.add(resolved.pointer())) {
            return;
        }
        found.add(resolved);
        JsonNode node = resolved.node();
        for (String combiner : List.of("oneOf", "anyOf", "allOf")) {
            for (int i = 0; i < node.path(combiner).size(); i++) {
                walk(root, new Located(resolved.pointer() + "/" + combiner + "/" + i, node.path(combiner).get(i)),
                        seen, found);
            }
        }
        node.path("properties").fields().forEachRemaining(p -> walk(root,
                new Located(resolved.pointer() + "/properties/" + p.getKey().replace("~", "~0").replace("/", "~1"),
                        p.getValue()), seen, found));
        walk(root, new Located(resolved.pointer() + "/items", node.path("items")), seen, found);
        walk(root, new Located(resolved.pointer() + "/additionalProperties", node.path("additionalProperties")), seen,
                found);
    }

    /** The constraint keywords a schema node carries itself. */
    static List<String> constraints(JsonNode schema) {
        return CONSTRAINTS.stream().filter(schema::has).toList();
    }

    /** The keywords a schema node names in {@code x-project-choice}. */
    static List<String> projectChoices(JsonNode schema) {
        List<String> keywords = new ArrayList<>();
        schema.path("x-project-choice").forEach(k -> keywords.add(k.asText()));
        return keywords;
    }
}
