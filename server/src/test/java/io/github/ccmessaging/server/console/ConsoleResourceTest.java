package io.github.ccmessaging.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ccmessaging.server.ApiCalls.Reply;
import io.github.ccmessaging.server.TestServer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/** The console's files as the server serves them: same origin, from the jar, with a policy that runs no inline script. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleResourceTest {
    private TestServer server;

    @BeforeAll
    void start() {
        server = new TestServer();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private Reply get(String path) {
        return server.dev().withHeader("Authorization", null).get(path);
    }

    @TestFactory
    Stream<DynamicTest> everyFileCarriesAContentSecurityPolicyWithoutInlineScript() {
        return Stream.of("/console", "/console/", "/console/console.js", "/console/console.css",
                        "/console/lib/purify.min.js", "/console/lib/marked.min.js")
                .map(path -> DynamicTest.dynamicTest(path, () -> {
                    Reply reply = get(path);
                    assertThat(reply.status()).isEqualTo(200);
                    String policy = reply.headers().get("content-security-policy").get(0);
                    assertThat(policy).contains("script-src 'self'").contains("default-src 'none'")
                            .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline")
                            .doesNotContain("unsafe-eval");
                    assertThat(reply.headers().get("x-content-type-options")).containsExactly("nosniff");
                }));
    }

    @Test
    void thePageNeedsNoTokenAndLoadsItsScriptsFromThisOrigin() {
        Reply page = get("/console");

        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<script src=\"/console/console.js\"")
                .contains("<script src=\"/console/lib/purify.min.js\"").doesNotContain("<script>")
                .doesNotContainPattern("\\son[a-z]+\\s*=").doesNotContain("style=");
        assertThat(get("/console/console.js").contentType()).startsWith("text/javascript");
        assertThat(get("/console/lib/purify.min.js").body()).contains("DOMPurify");
        assertThat(get("/console/lib/marked.min.js").body()).contains("marked");
    }

    @Test
    void onlyTheConsolesOwnFilesAreServed() {
        assertThat(get("/console/nothing.js").status()).isEqualTo(404);
        assertThat(get("/console/../console/console.js").status()).isIn(200, 404);
        assertThat(get("/console/lib/../../META-INF/MANIFEST.MF").status()).isEqualTo(404);
        assertThat(get("/console/%2e%2e/logback.xml").status()).isEqualTo(404);
    }
}
