package io.github.ccmessaging.spec;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Finds every {@code example} / {@code examples} value of the document, so that a new example is checked without
 * touching the tests.
 *
 * <p>The walk follows the parsed model (it knows which keys are keywords and which are property names), but takes
 * each example's presence and value from the raw YAML at the same JSON pointer: swagger-parser silently drops an
 * example it cannot convert to the schema's Java type (e.g. {@code example: xyz} on a {@code format: uuid} schema
 * becomes {@code null}), and exactly those examples must not escape the check. {@link #keywordSites(String)} lists
 * every {@code example}/{@code examples} keyword of the raw document, so a test can prove none was skipped.
 *
 * <ul>
 *   <li>request and response bodies of operations — checked in context, as a request to / response from that
 *       operation ({@link Kind#REQUEST_BODY}, {@link Kind#RESPONSE_BODY});</li>
 *   <li>everything else — schemas (also nested inline property / item / member schemas), parameters, headers and
 *       media types of components no operation uses — checked against the schema that applies
 *       ({@link Kind#SCHEMA}).</li>
 * </ul>
 */
final class SpecExamples {

    enum Kind { REQUEST_BODY, RESPONSE_BODY, SCHEMA }

    /**
     * One example value.
     *
     * @param where     human-readable location, unique in the document
     * @param site      JSON pointer of the {@code example} / {@code examples} keyword it comes from
     * @param path      operation path template (bodies only)
     * @param method    operation method (bodies only)
     * @param status    response status (responses only)
     * @param mediaType media type (bodies only)
     * @param schema    the schema that applies
     * @param value     the example, as written in the YAML
     */
    record SpecExample(Kind kind, String where, String site, String path, PathItem.HttpMethod method, String status,
                       String mediaType, Schema<?> schema, JsonNode value) {
        @Override
        public String toString() {
            return where;
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final OpenAPI api;
    private final JsonNode raw;
    private final List<SpecExample> found = new ArrayList<>();
    /** Raw pointers of components already covered in the context of an operation. */
    private final Set<String> coveredByOperation = new LinkedHashSet<>();
    private final Set<String> visitedSchemas = new LinkedHashSet<>();

    private SpecExamples(OpenAPI api, JsonNode raw) {
        this.api = api;
        this.raw = raw;
    }

    static List<SpecExample> all(OpenAPI api, String yaml) {
        SpecExamples walker = new SpecExamples(api, readYaml(yaml));
        walker.walk();
        return List.copyOf(walker.found);
    }

    static List<SpecExample> all() {
        return all(Spec.api(), Spec.text());
    }

    /**
     * Pointers of every {@code example}/{@code examples} keyword in the raw document: the keys of {@code properties}
     * maps are property names (a property may be called "example"), everything else named so is the keyword; nothing
     * inside an example value is looked at.
     */
    static Set<String> keywordSites(String yaml) {
        Set<String> sites = new LinkedHashSet<>();
        scan(readYaml(yaml), "", false, sites);
        return sites;
    }

    private static void scan(JsonNode node, String ptr, boolean namesAreProperties, Set<String> sites) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String child = ptr + "/" + escape(e.getKey());
                if (!namesAreProperties && (e.getKey().equals("example") || e.getKey().equals("examples"))) {
                    sites.add(child);
                } else {
                    scan(e.getValue(), child, !namesAreProperties && e.getKey().equals("properties"), sites);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                scan(node.get(i), ptr + "/" + i, false, sites);
            }
        }
    }

    private static JsonNode readYaml(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private JsonNode rawAt(String ptr) {
        return raw.at(JsonPointer.compile(ptr));
    }

    private static String refPointer(String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalStateException("only internal references are followed: " + ref);
        }
        return ref.substring(1);
    }

    // ---- the walk ----

    private void walk() {
        if (api.getPaths() != null) {
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) ->
                    operation(path, method, item, op, "/paths/" + escape(path) + "/" + method.name().toLowerCase())));
        }
        Components c = api.getComponents();
        if (c == null) {
            return;
        }
        each(c.getSchemas(), (name, s) -> schema("components.schemas." + name, "/components/schemas/" + escape(name), s));
        each(c.getParameters(), (name, p) -> parameter("components.parameters." + name, "/components/parameters/" + escape(name), p));
        each(c.getHeaders(), (name, h) -> header("components.headers." + name, "/components/headers/" + escape(name), h));
        each(c.getRequestBodies(), (name, b) -> {
            String ptr = "/components/requestBodies/" + escape(name);
            if (!coveredByOperation.contains(ptr)) {
                content("components.requestBodies." + name, ptr + "/content", b.getContent());
            }
        });
        each(c.getResponses(), (name, r) -> {
            String ptr = "/components/responses/" + escape(name);
            if (!coveredByOperation.contains(ptr)) {
                content("components.responses." + name, ptr + "/content", r.getContent());
            }
            each(r.getHeaders(), (hn, h) -> header("components.responses." + name + ".headers." + hn,
                    ptr + "/headers/" + escape(hn), h));
        });
        // components.examples are reached through the $refs that use them; an unused one has no schema to check against
    }

    private void operation(String path, PathItem.HttpMethod method, PathItem item, Operation op, String opPtr) {
        String at = method + " " + path;
        String itemPtr = opPtr.substring(0, opPtr.lastIndexOf('/'));
        if (item.getParameters() != null) {
            for (int i = 0; i < item.getParameters().size(); i++) {
                parameter(path + " parameter " + item.getParameters().get(i).getName(), itemPtr + "/parameters/" + i,
                        item.getParameters().get(i));
            }
        }
        if (op.getParameters() != null) {
            for (int i = 0; i < op.getParameters().size(); i++) {
                parameter(at + " parameter " + op.getParameters().get(i).getName(), opPtr + "/parameters/" + i,
                        op.getParameters().get(i));
            }
        }
        if (op.getRequestBody() != null) {
            String bodyPtr = op.getRequestBody().get$ref() == null ? opPtr + "/requestBody" : refPointer(op.getRequestBody().get$ref());
            RequestBody body = Spec.requestBody(op.getRequestBody());
            coveredByOperation.add(bodyPtr);
            mediaTypes(body.getContent(), bodyPtr + "/content", (mt, mtPtr, media) -> {
                inlineSchema(at + " request " + mt, mtPtr + "/schema", media.getSchema());
                examples(media, mtPtr, (name, site, value) -> found.add(new SpecExample(Kind.REQUEST_BODY,
                        at + " request " + mt + " example '" + name + "'", site, path, method, null, mt, media.getSchema(), value)));
            });
        }
        if (op.getResponses() != null) {
            op.getResponses().forEach((status, ref) -> {
                String responsePtr = ref.get$ref() == null ? opPtr + "/responses/" + escape(status) : refPointer(ref.get$ref());
                ApiResponse response = Spec.response(ref);
                coveredByOperation.add(responsePtr);
                if (ref.get$ref() == null) {
                    each(response.getHeaders(), (hn, h) -> header(at + " " + status + " header " + hn,
                            responsePtr + "/headers/" + escape(hn), h));
                }
                mediaTypes(response.getContent(), responsePtr + "/content", (mt, mtPtr, media) -> {
                    inlineSchema(at + " " + status + " " + mt, mtPtr + "/schema", media.getSchema());
                    examples(media, mtPtr, (name, site, value) -> found.add(new SpecExample(Kind.RESPONSE_BODY,
                            at + " response " + status + " " + mt + " example '" + name + "'", site, path, method, status,
                            mt, media.getSchema(), value)));
                });
            });
        }
    }

    private void content(String at, String ptr, Content content) {
        mediaTypes(content, ptr, (mt, mtPtr, media) -> {
            inlineSchema(at + " " + mt, mtPtr + "/schema", media.getSchema());
            examples(media, mtPtr, (name, site, value) ->
                    schemaExample(at + " " + mt + " example '" + name + "'", site, media.getSchema(), value));
        });
    }

    private void parameter(String at, String ptr, Parameter p) {
        if (p.get$ref() != null) {
            return; // walked as a component
        }
        inlineSchema(at, ptr + "/schema", p.getSchema());
        JsonNode node = rawAt(ptr);
        if (node.has("example")) {
            schemaExample(at + " example", ptr + "/example", p.getSchema(), node.get("example"));
        }
        namedExamples(node, ptr, (name, site, value) -> schemaExample(at + " example '" + name + "'", site, p.getSchema(), value));
        content(at, ptr + "/content", p.getContent());
    }

    private void header(String at, String ptr, Header h) {
        if (h.get$ref() != null) {
            return; // walked as a component
        }
        inlineSchema(at, ptr + "/schema", h.getSchema());
        JsonNode node = rawAt(ptr);
        if (node.has("example")) {
            schemaExample(at + " example", ptr + "/example", h.getSchema(), node.get("example"));
        }
        namedExamples(node, ptr, (name, site, value) -> schemaExample(at + " example '" + name + "'", site, h.getSchema(), value));
        content(at, ptr + "/content", h.getContent());
    }

    /** A schema written in place (not a $ref): its examples and those of its nested inline schemas. */
    private void inlineSchema(String at, String ptr, Schema<?> s) {
        if (s != null && s.get$ref() == null) {
            schema(at + " schema", ptr, s);
        }
    }

    @SuppressWarnings({"rawtypes"})
    private void schema(String at, String ptr, Schema<?> s) {
        if (s == null || s.get$ref() != null || !visitedSchemas.add(ptr)) {
            return;
        }
        JsonNode node = rawAt(ptr);
        if (node.has("example")) {
            schemaExample(at + " example", ptr + "/example", s, node.get("example"));
        }
        if (node.path("examples").isArray()) { // OpenAPI 3.1 style list
            for (int i = 0; i < node.get("examples").size(); i++) {
                schemaExample(at + " examples[" + i + "]", ptr + "/examples", s, node.get("examples").get(i));
            }
        }
        Map<String, Schema> props = s.getProperties();
        each(props, (name, p) -> schema(at + ".properties." + name, ptr + "/properties/" + escape(name), p));
        schema(at + ".items", ptr + "/items", s.getItems());
        if (s.getAdditionalProperties() instanceof Schema<?> ap) {
            schema(at + ".additionalProperties", ptr + "/additionalProperties", ap);
        }
        list(s.getAllOf(), at + ".allOf", ptr + "/allOf");
        list(s.getAnyOf(), at + ".anyOf", ptr + "/anyOf");
        list(s.getOneOf(), at + ".oneOf", ptr + "/oneOf");
        schema(at + ".not", ptr + "/not", s.getNot());
    }

    @SuppressWarnings("rawtypes")
    private void list(List<Schema> schemas, String at, String ptr) {
        if (schemas != null) {
            for (int i = 0; i < schemas.size(); i++) {
                schema(at + "[" + i + "]", ptr + "/" + i, schemas.get(i));
            }
        }
    }

    private void schemaExample(String at, String site, Schema<?> schema, JsonNode value) {
        if (schema == null) {
            throw new IllegalStateException(at + ": an example without a schema to check it against");
        }
        found.add(new SpecExample(Kind.SCHEMA, at, site, null, null, null, null, schema, value));
    }

    private interface ExampleSink {
        void accept(String name, String site, JsonNode value);
    }

    private interface MediaTypeVisitor {
        void accept(String mediaType, String ptr, MediaType media);
    }

    private void examples(MediaType media, String mtPtr, ExampleSink sink) {
        JsonNode node = rawAt(mtPtr);
        if (node.has("example")) {
            sink.accept("example", mtPtr + "/example", node.get("example"));
        }
        namedExamples(node, mtPtr, sink);
    }

    /** The {@code examples} map of a media type, parameter or header: each entry's {@code value}, following $refs. */
    private void namedExamples(JsonNode owner, String ownerPtr, ExampleSink sink) {
        JsonNode examples = owner.path("examples");
        for (Map.Entry<String, JsonNode> e : examples.properties()) {
            JsonNode example = e.getValue();
            while (example.has("$ref")) {
                example = rawAt(refPointer(example.get("$ref").asText()));
            }
            if (example.has("externalValue")) {
                throw new IllegalStateException("externalValue examples are not checked: " + example.get("externalValue"));
            }
            sink.accept(e.getKey(), ownerPtr + "/examples", example.path("value"));
        }
    }

    private static void mediaTypes(Content content, String ptr, MediaTypeVisitor visitor) {
        if (content != null) {
            content.forEach((mt, media) -> visitor.accept(mt, ptr + "/" + escape(mt), media));
        }
    }

    private static <V> void each(Map<String, V> map, BiConsumer<String, V> action) {
        if (map != null) {
            map.forEach(action);
        }
    }

}
