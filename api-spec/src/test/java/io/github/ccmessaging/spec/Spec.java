package io.github.ccmessaging.spec;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Loads the one OpenAPI document (classpath resource {@code openapi/messaging-api.yaml}) for the spec tests and
 * holds the values every test request uses.
 */
final class Spec {

    static final String RESOURCE = "openapi/messaging-api.yaml";

    /** The well-known dev channel of the emulator. */
    static final String CHANNEL_ID = "c0ffee00-0000-4000-8000-000000000001";
    static final String ORGANIZATION_ID = "c0ffee00-0000-4000-8000-000000000002";
    static final String AUTHORIZATION = "Bearer emulator-dev-token";
    /** Stands in for {conversationId} in paths. */
    static final String CONVERSATION_ID = "9a1c3c0e-52f7-4b5e-9c6a-3f2d1e0b8a77";

    static final String SCHEMAS = "#/components/schemas/";
    static final String RESPONSES = "#/components/responses/";
    static final String PARAMETERS = "#/components/parameters/";
    static final String REQUEST_BODIES = "#/components/requestBodies/";
    static final String EXAMPLES = "#/components/examples/";
    static final String HEADERS = "#/components/headers/";

    private static String text;
    private static OpenAPI api;
    private static OpenApiInteractionValidator validator;

    private Spec() {
    }

    /** The document's text as packaged. */
    static synchronized String text() {
        if (text == null) {
            try (InputStream in = Objects.requireNonNull(
                    Spec.class.getClassLoader().getResourceAsStream(RESOURCE), RESOURCE + " not on the classpath")) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return text;
    }

    /** Parses the document as written (internal $refs kept, nothing flattened or resolved). */
    static SwaggerParseResult parse() {
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        options.setValidateInternalRefs(true);
        return new OpenAPIV3Parser().readContents(text(), null, options);
    }

    /** The parsed model, shared read-only by the tests; fails if the document does not parse cleanly. */
    static synchronized OpenAPI api() {
        if (api == null) {
            SwaggerParseResult result = parse();
            if (result.getOpenAPI() == null || (result.getMessages() != null && !result.getMessages().isEmpty())) {
                throw new IllegalStateException("the OpenAPI document does not parse cleanly: " + result.getMessages());
            }
            api = result.getOpenAPI();
        }
        return api;
    }

    /**
     * A validator with its own parsed copy (the validator adapts the model it is given). Left at its defaults on
     * purpose: it then treats object schemas as {@code additionalProperties: false}, so an example may use only the
     * members the document declares (a misspelled member in an example fails), although the API itself accepts
     * undeclared members.
     */
    static synchronized OpenApiInteractionValidator validator() {
        if (validator == null) {
            validator = OpenApiInteractionValidator.createForInlineApiSpecification(text()).build();
        }
        return validator;
    }

    /** A request with the valid headers of the dev channel. */
    static SimpleRequest.Builder request(Request.Method method, String path) {
        return new SimpleRequest.Builder(method, path)
                .withHeader("channel-id", CHANNEL_ID)
                .withHeader("organization-id", ORGANIZATION_ID)
                .withAuthorization(AUTHORIZATION);
    }

    /** A concrete path for a path template: every {param} becomes the placeholder conversation id. */
    static String concretePath(String template) {
        return template.replaceAll("\\{[^/}]+}", CONVERSATION_ID);
    }

    // ---- $ref resolution within components (one level at a time, as many levels as needed) ----

    static Schema<?> schema(Schema<?> schema) {
        Schema<?> s = schema;
        while (s != null && s.get$ref() != null) {
            s = component(api().getComponents().getSchemas(), s.get$ref(), SCHEMAS);
        }
        return s;
    }

    static Schema<?> schema(String name) {
        return Objects.requireNonNull(api().getComponents().getSchemas().get(name), "schema " + name);
    }

    static ApiResponse response(ApiResponse response) {
        ApiResponse r = response;
        while (r != null && r.get$ref() != null) {
            r = component(api().getComponents().getResponses(), r.get$ref(), RESPONSES);
        }
        return r;
    }

    static Parameter parameter(Parameter parameter) {
        Parameter p = parameter;
        while (p != null && p.get$ref() != null) {
            p = component(api().getComponents().getParameters(), p.get$ref(), PARAMETERS);
        }
        return p;
    }

    static RequestBody requestBody(RequestBody body) {
        RequestBody b = body;
        while (b != null && b.get$ref() != null) {
            b = component(api().getComponents().getRequestBodies(), b.get$ref(), REQUEST_BODIES);
        }
        return b;
    }

    static <T> T component(java.util.Map<String, T> components, String ref, String prefix) {
        if (!ref.startsWith(prefix)) {
            throw new IllegalArgumentException("expected a reference to " + prefix + "…, got " + ref);
        }
        String name = ref.substring(prefix.length());
        T target = components == null ? null : components.get(name);
        if (target == null) {
            throw new IllegalArgumentException("unresolvable reference " + ref);
        }
        return target;
    }

    /** A property of an object schema, following $refs on the way. */
    static Schema<?> property(Schema<?> schema, String... names) {
        Schema<?> s = schema(schema);
        for (String name : names) {
            if (s.getProperties() == null || !s.getProperties().containsKey(name)) {
                throw new AssertionError("no property '" + name + "' in " + describe(s));
            }
            s = schema(s.getProperties().get(name));
        }
        return s;
    }

    /** The items schema of an array schema, following $refs. */
    static Schema<?> items(Schema<?> array) {
        return schema(Objects.requireNonNull(schema(array).getItems(), "not an array: " + describe(array)));
    }

    static String describe(Schema<?> s) {
        return s == null ? "null" : (s.getName() != null ? s.getName() : String.valueOf(s.getType()));
    }

    static String format(ValidationReport report) {
        return report.getMessages().stream()
                .map(m -> m.getLevel() + " " + m.getKey() + ": " + m.getMessage()
                        + (m.getNestedMessages().isEmpty() ? "" : m.getNestedMessages().stream()
                        .map(n -> n.getKey() + ": " + n.getMessage())
                        .collect(Collectors.joining("; ", " [", "]"))))
                .collect(Collectors.joining("\n"));
    }
}
