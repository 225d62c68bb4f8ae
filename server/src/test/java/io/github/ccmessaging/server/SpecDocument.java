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

    /**
     * One member a request body may carry, found by walking a body schema of the document.
     *
     * @param path where it sits in the body: member names joined by dots, {@code 0} for an array's element and
     *     {@code $VAR} for a value of a map (e.g. {@code attachments.0.contentType}, {@code conversationcontext.$VAR})
     * @param schema the component schema that declares it, which is also the generated model class's name
     * @param name its JSON name
     * @param declared the member's schema as written at the declaration (where {@code x-error-code} sits)
     * @param resolved the member's schema with {@code $ref}s followed (type and limits)
     */
    public record Member(String path, String schema, String name, JsonNode declared, JsonNode resolved) {
        /** The JSON type the member must have: {@code string}, {@code object}, ... or {@code any}. */
        public String type() {
            if (resolved.has("type")) {
                return resolved.get("type").asText();
            }
            return resolved.has("properties") || resolved.has("additionalProperties") ? "object" : "any";
        }

        public int maxLength() {
            return resolved.path("maxLength").asInt(0);
        }

        /** Whether the document marks its {@code keyword} limit as a project choice, not a documented limit. */
        public boolean projectChoice(String keyword) {
            for (JsonNode choice : resolved.path("x-project-choice")) {
                if (choice.asText().equals(keyword)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Every member a body of the component schema {@code schemaName} may carry, at any depth, in document order. */
    public static java.util.List<Member> members(String schemaName) {
        java.util.List<Member> found = new java.util.ArrayList<>();
        walk(messaging(), schemaName, "", found, new java.util.HashSet<>());
        return found;
    }

    private static void walk(JsonNode root, String schemaName, String prefix, java.util.List<Member> found,
                             java.util.Set<String> onTheWay) {
        if (!onTheWay.add(schemaName)) {
            return;
        }
        JsonNode schema = at(root, SCHEMAS + schemaName);
        for (JsonNode branch : schema.path("oneOf")) {
            walk(root, componentName(branch), prefix, found, onTheWay);
        }
        schema.path("properties").fields().forEachRemaining(property -> {
            String path = prefix + property.getKey();
            JsonNode resolved = resolve(root, property.getValue());
            found.add(new Member(path, schemaName, property.getKey(), property.getValue(), resolved));
            descend(root, property.getValue(), path, found, onTheWay);
        });
        onTheWay.remove(schemaName);
    }

    /** Into what a member holds: a component object, an array's element, a map's values. */
    private static void descend(JsonNode root, JsonNode declared, String path, java.util.List<Member> found,
                                java.util.Set<String> onTheWay) {
        if (declared.has("$ref")) {
            JsonNode target = resolve(root, declared);
            if (target.has("properties") || target.has("oneOf")) {
                walk(root, componentName(declared), path + ".", found, onTheWay);
            }
            return;
        }
        if (declared.has("properties")) {
            throw new AssertionError(path + " is an inline object with members: the generator would name its class "
                    + "itself; give it a component schema");
        }
        for (String[] container : new String[][] {{"items", "0"}, {"additionalProperties", "$VAR"}}) {
            JsonNode element = declared.path(container[0]);
            if (element.isObject()) {
                String elementPath = path + "." + container[1];
                JsonNode resolved = resolve(root, element);
                found.add(new Member(elementPath, componentName(element), container[1], element, resolved));
                descend(root, element, elementPath, found, onTheWay);
            }
        }
    }

    private static String componentName(JsonNode reference) {
        String ref = reference.path("$ref").asText("");
        return ref.startsWith("#" + SCHEMAS) ? ref.substring(SCHEMAS.length() + 1) : null;
    }

    /** A name as one token of a JSON pointer. */
    public static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
