package io.github.ccmessaging.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ccmessaging.server.EventStreamClient;
import io.github.ccmessaging.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the console does — load the page, open the stream, act — leaves the request log without the token. */
class TokenStaysOutOfTheLogTest {

    @Test
    void theConsolesRequestsAreLoggedWithoutTheirToken() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (TestServer server = new TestServer(settings -> settings.requestLog(true))) {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            server.dev().get("/console");
            try (EventStreamClient stream = EventStreamClient.open(server.baseUri(), TestServer.DEV, "unknown-1")) {
                assertThat(stream.next(Duration.ofSeconds(10)).name()).isEqualTo("ready");
                String conversation = server.dev().newConversation();
                server.dev().post("/emulator/conversations/" + conversation + "/accept", "{}");
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!captured.toString(StandardCharsets.UTF_8).contains("/accept") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("GET /console").contains("GET /emulator/stream").contains("/accept")
                .doesNotContain(TestServer.DEV.token());
    }
}
