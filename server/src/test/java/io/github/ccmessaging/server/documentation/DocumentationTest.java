package io.github.ccmessaging.server.documentation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ccmessaging.server.ApiCalls;
import io.github.ccmessaging.server.TestServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The server serves the contract it was built from, and a documentation page of it, without a token. */
class DocumentationTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<byte[]> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUri() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String specFile(String name) throws Exception {
        try (InputStream in = DocumentationTest.class.getResourceAsStream("/openapi/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Nested
    class OpenApiDocuments {
        @ParameterizedTest
        @ValueSource(strings = {"messaging-api.yaml", "webhook-api.yaml"})
        void areTheFilesOfTheApiSpecJarServedWithoutAToken(String name) throws Exception {
            HttpResponse<byte[]> response = get("/openapi/" + name);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/yaml"));
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(specFile(name));
        }

        @Test
        void anUnknownDocumentIsA404ProblemNamingTheKnownOnes() throws Exception {
            ApiCalls.Reply reply = server.dev().get("/openapi/other.yaml");
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().get("detail").asText()).contains("messaging-api.yaml").contains("webhook-api.yaml");
        }
    }

    @Nested
    class DocumentationPage {
        @Test
        void allowsOnlyScriptsOfThisServerAndLoadsEachOfThem() throws Exception {
            HttpResponse<byte[]> page = get("/docs");
            assertThat(page.statusCode()).isEqualTo(200);
            String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
            Matcher scripts = Pattern.compile("script-src ([^;]*)").matcher(policy);
            assertThat(scripts.find()).isTrue();
            assertThat(scripts.group(1)).isEqualTo("'self'");
            String html = new String(page.body(), StandardCharsets.UTF_8);
            assertThat(html).doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>").doesNotContain("http://")
                    .doesNotContain("https://");
            Matcher sources = Pattern.compile("(?:src|href)=\"(/docs/[^\"]+)\"").matcher(html);
            int files = 0;
            while (sources.find()) {
                HttpResponse<byte[]> file = get(sources.group(1));
                assertThat(file.statusCode()).as(sources.group(1)).isEqualTo(200);
                assertThat(file.body()).as(sources.group(1)).isNotEmpty();
                files++;
            }
            assertThat(files).as("scripts, style sheet and icon").isGreaterThanOrEqualTo(4);
        }

        @Test
        void servesScriptsAndStylesWithTheirMediaTypes() throws Exception {
            assertThat(get("/docs/swagger-ui-bundle.js").headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("text/javascript");
            assertThat(get("/docs/swagger-ui.css").headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("text/css");
        }

        @ParameterizedTest
        @ValueSource(strings = {"/docs/nothing.js", "/docs/..%2Fpom.properties", "/docs/pom.properties",
            "/docs/..%2F..%2Fopenapi%2Fmessaging-api.yaml"})
        void anythingElseIsA404Problem(String path) throws Exception {
            HttpResponse<byte[]> response = get(path);
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("application/problem+json");
        }
    }
}
