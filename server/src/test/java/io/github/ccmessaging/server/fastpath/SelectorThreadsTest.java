package io.github.ccmessaging.server.fastpath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.ccmessaging.server.ServerSettings;
import io.github.ccmessaging.server.TestServer;
import io.github.ccmessaging.server.store.memory.InMemoryConversationStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The in-memory server answers a POST that arrived whole on the selector thread that read it; a slow client must not
 * hold up the others (with any store).
 */
class SelectorThreadsTest {

    private static Socket open(TestServer server) throws Exception {
        Socket socket = new Socket(server.baseUri().getHost(), server.baseUri().getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static String head(String conversation, int contentLength) {
        return "POST /api/v1.0/consumer/conversation/" + conversation + " HTTP/1.1\r\n"
                + "Host: localhost\r\nAuthorization: Bearer " + ServerSettings.DEV_TOKEN + "\r\n"
                + "channel-id: " + ServerSettings.DEV_CHANNEL_ID + "\r\n"
                + "organization-id: " + ServerSettings.DEV_ORGANIZATION_ID + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + contentLength + "\r\n\r\n";
    }

    private static String statusLine(Socket socket) throws Exception {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }

    @Test
    void aBodyThatArrivesSlowlyHoldsUpNoOtherConnection() throws Exception {
        try (TestServer server = new TestServer()) {
            String conversation = server.dev().newConversation();
            byte[] body = "{\"type\":\"message\",\"text\":\"slow\"}".getBytes(StandardCharsets.UTF_8);
            try (Socket slow = open(server)) {
                OutputStream out = slow.getOutputStream();
                out.write(head(conversation, body.length).getBytes(StandardCharsets.US_ASCII));
                out.write(body, 0, body.length / 2);
                out.flush();
                Thread.sleep(200);

                // connections go round the selector threads: some of these share the slow one's selector
                List<String> answers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    try (Socket fast = open(server)) {
                        byte[] message = ("{\"type\":\"message\",\"text\":\"fast " + i + "\"}")
                                .getBytes(StandardCharsets.UTF_8);
                        fast.getOutputStream().write(head(conversation, message.length).getBytes(StandardCharsets.US_ASCII));
                        fast.getOutputStream().write(message);
                        fast.getOutputStream().flush();
                        answers.add(statusLine(fast));
                    }
                }
                assertThat(answers).hasSize(8).allSatisfy(line -> assertThat(line).contains(" 200 "));

                out.write(body, body.length / 2, body.length - body.length / 2);
                out.flush();
                assertThat(statusLine(slow)).contains(" 200 ");
            }
            assertThat(server.dev().transcript(conversation).toString()).contains("slow").contains("fast 7");
        }
    }

    /** The request log of a POST sent with its body in one write, and of a GET, on a server started so. */
    private static String logOfAPostAndAGet(TestServer server) throws Exception {
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        try {
            String conversation = server.dev().newConversation();
            System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
            byte[] message = "{\"type\":\"message\",\"text\":\"whole\"}".getBytes(StandardCharsets.UTF_8);
            try (Socket socket = open(server)) {
                // head and body in one write, as load generators send them
                java.io.ByteArrayOutputStream request = new java.io.ByteArrayOutputStream();
                request.write(head(conversation, message.length).replace("\r\n\r\n",
                        "\r\nx-ms-correlation-id: thread-check-post\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                request.write(message);
                socket.getOutputStream().write(request.toByteArray());
                socket.getOutputStream().flush();
                assertThat(statusLine(socket)).contains(" 200 ");
            }
            server.dev().withHeader("x-ms-correlation-id", "thread-check-get").transcript(conversation);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!captured.toString(StandardCharsets.UTF_8).contains("thread-check-get")
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aPostThatArrivesWholeIsAnsweredOnTheSelectorThreadAndAGetOnARequestThread() throws Exception {
        try (TestServer server = new TestServer(settings -> settings.requestLog(true))) {
            assumeTrue(server.store instanceof InMemoryConversationStore,
                    "only the in-memory store is served on the selector threads");
            long before = MeterCounts.of(server.baseUri(), MeterCounts.IN_PLACE);
            String log = logOfAPostAndAGet(server);
            assertThat(log).containsPattern("\\[[^\\]]*SelectorRunner\\] INFO [^\\n]*POST [^\\n]*thread-check-post")
                    .doesNotContainPattern("\\[[^\\]]*SelectorRunner\\] INFO [^\\n]*GET [^\\n]*thread-check-get")
                    .contains("thread-check-get");
            assertThat(MeterCounts.of(server.baseUri(), MeterCounts.IN_PLACE)).as("requests served in place")
                    .isGreaterThanOrEqualTo(before + 1);
        }
    }

    @Test
    void withTheFastPathOffEveryRequestIsAnsweredOnARequestThread() throws Exception {
        try (TestServer server = new TestServer(settings -> settings.requestLog(true).fastPath(false))) {
            assumeTrue(server.store instanceof InMemoryConversationStore,
                    "only the in-memory store is served on the selector threads");
            String log = logOfAPostAndAGet(server);
            assertThat(log).containsPattern("INFO [^\\n]*POST [^\\n]*thread-check-post")
                    .doesNotContainPattern("\\[[^\\]]*SelectorRunner\\] INFO [^\\n]*POST [^\\n]*thread-check-post")
                    .contains("thread-check-get");
            assertThat(MeterCounts.of(server.baseUri(), MeterCounts.IN_PLACE)).as("requests served in place").isZero();
        }
    }
}
