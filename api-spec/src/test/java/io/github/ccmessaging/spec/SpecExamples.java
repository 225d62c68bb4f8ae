package io.github.ccmessaging.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Finds every {@code example} / {@code examples} value in the parsed document, so that a new example is checked
 * without touching the tests.
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
     * @param where       human-readable location, unique in the document
     * @param path        operation path template (bodies only)
     * @param method      operation method (bodies only)
     * @param status      response status (responses only)
     * @param mediaType   media type (bodies only)
     * @param schema      the schema that applies (SCHEMA kind only)
     */
    record SpecExample(Kind kind, String where, String path, PathItem.HttpMethod method, String status,
                       String mediaType, Schema<?> schema, JsonNode value) {
        @Override
        public String toString() {
            return where;
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final OpenAPI api;
    private final List<SpecExample> found = new ArrayList<>();
    /** Component objects already covered in the context of an operation. */
    private final Set<Object> coveredByOperation = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Object> visitedSchemas = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    private SpecExamples(OpenAPI api) {
        this.api = api;
    }

    static List<SpecExample> all(OpenAPI api) {
        SpecExamples walker = new SpecExamples(api);
        walker.walk();
        return List.copyOf(walker.found);
    }

    private void walk() {
        if (api.getPaths() != null) {
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> operation(path, method, item, op)));
        }
        Components c = api.getComponents();
        if (c == null) {
            return;
        }
        each(c.getSchemas(), (name, s) -> schema("components.schemas." + name, s));
        each(c.getParameters(), (name, p) -> parameter("components.parameters." + name, p));
        each(c.getHeaders(), (name, h) -> header("components.headers." + name, h));
        each(c.getRequestBodies(), (name, b) -> {
            if (!coveredByOperation.contains(b)) {
                content("components.requestBodies." + name, b.getContent());
            }
        });
        each(c.getResponses(), (name, r) -> {
            if (!coveredByOperation.contains(r)) {
                content("components.responses." + name, r.getContent());
            }
            each(r.getHeaders(), (hn, h) -> header("components.responses." + name + ".headers." + hn, h));
        });
        // components.examples are reached through the $refs that use them; an unused one has no schema to check against
    }

    private void operation(String path, PathItem.HttpMethod method, PathItem item, Operation op) {
        String at = method + " " + path;
        List<Parameter> params = new ArrayList<>();
        if (item.getParameters() != null) {
            params.addAll(item.getParameters());
        }
        if (op.getParameters() != null) {
            params.addAll(op.getParameters());
        }
        for (Parameter p : params) {
            if (p.get$ref() == null) {
                parameter(at + " parameter " + p.getName(), p);
            }
        }
        if (op.getRequestBody() != null) {
            RequestBody body = Spec.requestBody(op.getRequestBody());
            coveredByOperation.add(body);
            mediaTypes(body.getContent(), (mt, media) -> {
                inlineSchema(at + " request " + mt, media.getSchema());
                examples(media, (name, value) -> found.add(new SpecExample(Kind.REQUEST_BODY,
                        at + " request " + mt + " example '" + name + "'", path, method, null, mt, media.getSchema(), value)));
            });
        }
        if (op.getResponses() != null) {
            op.getResponses().forEach((status, ref) -> {
                ApiResponse response = Spec.response(ref);
                coveredByOperation.add(response);
                if (ref.get$ref() == null) {
                    each(response.getHeaders(), (hn, h) -> header(at + " " + status + " header " + hn, h));
                }
                mediaTypes(response.getContent(), (mt, media) -> {
                    if (ref.get$ref() == null) {
                        inlineSchema(at + " " + status + " " + mt, media.getSchema());
                    }
                    examples(media, (name, value) -> found.add(new SpecExample(Kind.RESPONSE_BODY,
                            at + " response " + status + " " + mt + " example '" + name + "'", path, method, status, mt,
                            media.getSchema(), value)));
                });
            });
        }
    }

    private void content(String at, Content content) {
        mediaTypes(content, (mt, media) -> {
            inlineSchema(at + " " + mt, media.getSchema());
            examples(media, (name, value) -> schemaExample(at + " " + mt + " example '" + name + "'", media.getSchema(), value));
        });
    }

    private void parameter(String at, Parameter p) {
        if (p.get$ref() != null) {
            return;
        }
        inlineSchema(at, p.getSchema());
        if (p.getExample() != null) {
            schemaExample(at + " example", p.getSchema(), json(p.getExample()));
        }
        each(p.getExamples(), (name, ex) -> schemaExample(at + " example '" + name + "'", p.getSchema(), value(ex)));
        content(at, p.getContent());
    }

    private void header(String at, Header h) {
        if (h.get$ref() != null) {
            return;
        }
        inlineSchema(at, h.getSchema());
        if (h.getExample() != null) {
            schemaExample(at + " example", h.getSchema(), json(h.getExample()));
        }
        each(h.getExamples(), (name, ex) -> schemaExample(at + " example '" + name + "'", h.getSchema(), value(ex)));
        content(at, h.getContent());
    }

    /** A schema written in place (not a $ref): its examples and those of its nested inline schemas. */
    private void inlineSchema(String at, Schema<?> s) {
        if (s != null && s.get$ref() == null) {
            schema(at + " schema", s);
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private void schema(String at, Schema<?> s) {
        if (s == null || s.get$ref() != null || !visitedSchemas.add(s)) {
            return;
        }
        if (s.getExample() != null || Boolean.TRUE.equals(s.getExampleSetFlag())) {
            schemaExample(at + " example", s, s.getExample() == null ? NullNode.getInstance() : json(s.getExample()));
        }
        if (s.getExamples() != null) { // OpenAPI 3.1 style list; harmless for 3.0
            int i = 0;
            for (Object ex : s.getExamples()) {
                schemaExample(at + " examples[" + i++ + "]", s, json(ex));
            }
        }
        Map<String, Schema> props = s.getProperties();
        each(props, (name, p) -> schema(at + ".properties." + name, p));
        schema(at + ".items", s.getItems());
        if (s.getAdditionalProperties() instanceof Schema<?> ap) {
            schema(at + ".additionalProperties", ap);
        }
        list(s.getAllOf(), at + ".allOf");
        list(s.getAnyOf(), at + ".anyOf");
        list(s.getOneOf(), at + ".oneOf");
        schema(at + ".not", s.getNot());
    }

    @SuppressWarnings("rawtypes")
    private void list(List<Schema> schemas, String at) {
        if (schemas != null) {
            for (int i = 0; i < schemas.size(); i++) {
                schema(at + "[" + i + "]", schemas.get(i));
            }
        }
    }

    private void schemaExample(String at, Schema<?> schema, JsonNode value) {
        if (schema == null) {
            throw new IllegalStateException(at + ": an example without a schema to check it against");
        }
        found.add(new SpecExample(Kind.SCHEMA, at, null, null, null, null, schema, value));
    }

    private void examples(MediaType media, BiConsumer<String, JsonNode> sink) {
        if (media.getExample() != null || Boolean.TRUE.equals(media.getExampleSetFlag())) {
            sink.accept("example", media.getExample() == null ? NullNode.getInstance() : json(media.getExample()));
        }
        each(media.getExamples(), (name, ex) -> sink.accept(name, value(ex)));
    }

    private JsonNode value(Example ex) {
        Example e = ex;
        while (e.get$ref() != null) {
            e = Spec.component(api.getComponents().getExamples(), e.get$ref(), Spec.EXAMPLES);
        }
        if (e.getExternalValue() != null) {
            throw new IllegalStateException("externalValue examples are not checked: " + e.getExternalValue());
        }
        return e.getValue() == null ? NullNode.getInstance() : json(e.getValue());
    }

    private static JsonNode json(Object value) {
        return MAPPER.valueToTree(value);
    }

    private static void mediaTypes(Content content, BiConsumer<String, MediaType> each) {
        if (content != null) {
            new LinkedHashMap<>(content).forEach(each);
        }
    }

    private static <V> void each(Map<String, V> map, BiConsumer<String, V> action) {
        if (map != null) {
            map.forEach(action);
        }
    }
}
