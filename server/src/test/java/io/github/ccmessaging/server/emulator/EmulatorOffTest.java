package io.github.ccmessaging.server.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.github.ccmessaging.server.ApiCalls;
import io.github.ccmessaging.server.ApiCalls.Reply;
import io.github.ccmessaging.server.TestServer;
import io.github.ccmessaging.server.api.EmulatorApi;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** {@code --no-emulator}: a reference service of the consumer API alone, where every {@code /emulator/**} is 404. */
class EmulatorOffTest {
    private static final String GUID = "9a1c3c0e-52f7-4b5e-9c6a-3f2d1e0b8a77";
    private static TestServer server;

    @BeforeAll
    static void startWithoutTheEmulator() {
        server = new TestServer(settings -> settings.emulator(false), TestServer.DEV, TestServer.OTHER);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Every operation of the generated emulator interface (so of the OpenAPI document), and a path it lacks. */
    private static List<String[]> emulatorRequests() {
        String base = EmulatorApi.class.getAnnotation(Path.class).value();
        List<String[]> requests = new ArrayList<>();
        for (Method operation : EmulatorApi.class.getMethods()) {
            String method = Arrays.stream(operation.getAnnotations()).map(Annotation::annotationType)
                    .map(type -> type.getAnnotation(HttpMethod.class)).filter(m -> m != null).map(HttpMethod::value)
                    .findFirst().orElse(null);
            Path path = operation.getAnnotation(Path.class);
            if (method != null && path != null) {
                requests.add(new String[] {method, (base + path.value()).replaceAll("\\{[^}]+}", GUID)});
            }
        }
        assertThat(requests).as("operations found").hasSizeGreaterThanOrEqualTo(8);
        requests.add(new String[] {"GET", base + "/anything/else"});
        return requests;
    }

    @TestFactory
    Stream<DynamicTest> everyEmulatorPathIsNotFoundWithAToken() {
        return emulatorRequests().stream().map(r -> dynamicTest(r[0] + " " + r[1],
                () -> assertNotFound(call(server.dev(), r[0], r[1]))));
    }

    @TestFactory
    Stream<DynamicTest> everyEmulatorPathIsNotFoundWithoutAToken() {
        ApiCalls anonymous = server.dev().withHeader("Authorization", "Basic nobody");
        return emulatorRequests().stream().map(r -> dynamicTest(r[0] + " " + r[1],
                () -> assertNotFound(call(anonymous, r[0], r[1]))));
    }

    @Test
    void theConsumerApiAndHealthStillServe() {
        ApiCalls api = server.dev();
        String conversation = api.newConversation();

        assertThat(api.message(conversation, "hello").status()).isEqualTo(200);
        assertThat(api.get("/api/v1.0/consumer/conversation/" + conversation + "/messages").body()).contains("hello");
        assertThat(api.get("/health").status()).isEqualTo(200);
    }

    private static Reply call(ApiCalls api, String method, String path) {
        return switch (method) {
            case "GET" -> api.get(path);
            case "DELETE" -> api.delete(path);
            case "PUT" -> api.put(path, "{}");
            default -> api.post(path, "{}");
        };
    }

    private static void assertNotFound(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("title").asText()).isEqualTo("Not Found");
        assertThat(reply.json().has("errorCode")).isFalse();
        assertThat(reply.correlationId()).isNotBlank();
    }
}
