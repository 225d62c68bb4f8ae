package io.github.ccmessaging.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ccmessaging.server.ApiCalls;
import io.github.ccmessaging.server.MessagingServer;
import io.github.ccmessaging.server.ServerSettings;
import io.github.ccmessaging.server.TestServer;
import io.github.ccmessaging.server.store.StoreSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that send slowly hold up nobody else: a body is gathered without a request thread, and one that stops
 * arriving is answered {@code 408}; headers that arrive slowly are closed after the idle timeout.
 */
class SlowClientsTest {
    private static final String CONTENT = "{\"type\":\"message\",\"text\":\"slow\"}";

    private static MessagingServer start(StoreSettings store, HttpLimits limits) {
        return MessagingServer.start(TestServer.testDefaults().store(store).limits(limits).channel(TestServer.DEV)
                .build());
    }

    private static String head(String path, String extraHeaders, int contentLength) {
        return "POST " + path + " HTTP/1.1\r\n"
                + "Host: localhost\r\nAuthorization: Bearer " + ServerSettings.DEV_TOKEN + "\r\n"
                + "channel-id: " + ServerSettings.DEV_CHANNEL_ID + "\r\n"
                + "organization-id: " + ServerSettings.DEV_ORGANIZATION_ID + "\r\n"
                + extraHeaders
                + "Content-Type: application/json\r\nContent-Length: " + contentLength + "\r\n\r\n";
    }

    /** A client that sent its headers and the first bytes of a body it announced as 2,000 bytes long. */
    private static Socket slowBody(MessagingServer server, String conversation) throws IOException {
        Socket socket = new Socket(server.baseUri().getHost(), server.baseUri().getPort());
        socket.setSoTimeout(30_000);
        OutputStream out = socket.getOutputStream();
        out.write(head("/api/v1.0/consumer/conversation/" + conversation, "", 2000).getBytes(StandardCharsets.US_ASCII));
        out.write("{\"type\":\"m".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** Everything the server sends on this socket until it closes it (or the socket's read timeout). */
    private static String readToEnd(Socket socket) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                answer.write(buffer, 0, n);
            }
        } catch (SocketException reset) {
            // closed by the server while we were still sending: what arrived before counts
        }
        return answer.toString(StandardCharsets.UTF_8);
    }

    private static long millisOf(Runnable call) {
        long started = System.nanoTime();
        call.run();
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static long median(List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    /** Health, a send and a read, each answered with its usual status; the milliseconds each took. */
    private static List<Long> otherClientsCalls(ApiCalls api, String conversation, int rounds) {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            millis.add(millisOf(() -> assertThat(api.get("/health").status()).isEqualTo(200)));
            millis.add(millisOf(() -> assertThat(api.message(conversation, "fast").status()).isEqualTo(200)));
            millis.add(millisOf(() -> assertThat(api.get("/api/v1.0/consumer/conversation/" + conversation
                    + "/messages").status()).isEqualTo(200)));
        }
        return millis;
    }

    @Nested
    class SlowBodies {
        @TempDir
        Path dataDir;

        /** The embedded store (the default) serves with one request thread per core, memory on the selector threads. */
        private void eightSlowBodiesLeaveOtherClientsTheirUsualLatency(Supplier<StoreSettings> store) throws Exception {
            try (MessagingServer server = start(store.get(), HttpLimits.defaults())) {
                ApiCalls api = new ApiCalls(server.baseUri(), TestServer.DEV);
                String conversation = api.newConversation();
                otherClientsCalls(api, conversation, 5);
                long usual = median(otherClientsCalls(api, conversation, 10));

                List<Socket> slow = new ArrayList<>();
                ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
                try {
                    for (int i = 0; i < 8; i++) {
                        slow.add(slowBody(server, conversation));
                    }
                    // one more byte per client and second keeps each body arriving, as in the attack
                    trickle.scheduleAtFixedRate(() -> slow.forEach(s -> {
                        try {
                            s.getOutputStream().write(' ');
                        } catch (IOException closed) {
                            // the server may close it after the body timeout
                        }
                    }), 0, 1, TimeUnit.SECONDS);

                    List<Long> meanwhile = otherClientsCalls(api, conversation, 10);

                    assertThat(median(meanwhile)).as("median ms of other clients' calls with 8 slow bodies open "
                            + "(usually %d ms): %s", usual, meanwhile).isLessThanOrEqualTo(5 * usual + 100);
                } finally {
                    trickle.shutdownNow();
                    for (Socket s : slow) {
                        s.close();
                    }
                }
            }
        }

        @Test
        void eightSlowBodiesLeaveOtherClientsOfTheEmbeddedStoreTheirUsualLatency() throws Exception {
            eightSlowBodiesLeaveOtherClientsTheirUsualLatency(() -> StoreSettings.embedded(dataDir));
        }

        @Test
        void eightSlowBodiesLeaveOtherClientsInMemoryTheirUsualLatency() throws Exception {
            eightSlowBodiesLeaveOtherClientsTheirUsualLatency(StoreSettings::inMemory);
        }

        @Test
        void fiveHundredSlowBodiesOpenLeaveEveryOtherClientServed() throws Exception {
            try (MessagingServer server = start(StoreSettings.embedded(dataDir), HttpLimits.defaults())) {
                ApiCalls api = new ApiCalls(server.baseUri(), TestServer.DEV);
                String conversation = api.newConversation();
                List<Socket> slow = new ArrayList<>();
                try {
                    for (int i = 0; i < 500; i++) {
                        slow.add(slowBody(server, conversation));
                    }
                    List<Long> meanwhile = otherClientsCalls(api, conversation, 3);
                    assertThat(meanwhile).as("ms of each call").allSatisfy(ms -> assertThat(ms).isLessThan(5_000));
                } finally {
                    for (Socket s : slow) {
                        s.close();
                    }
                }
                assertThat(api.get("/health").status()).isEqualTo(200);
            }
        }

        @Test
        void aBodyThatArrivesInPartsWithinTheTimeoutIsServedAndStoredOnce() throws Exception {
            try (MessagingServer server = start(StoreSettings.embedded(dataDir), HttpLimits.defaults())) {
                ApiCalls api = new ApiCalls(server.baseUri(), TestServer.DEV);
                String conversation = api.newConversation();
                byte[] body = CONTENT.getBytes(StandardCharsets.UTF_8);
                try (Socket socket = new Socket(server.baseUri().getHost(), server.baseUri().getPort())) {
                    socket.setSoTimeout(10_000);
                    OutputStream out = socket.getOutputStream();
                    out.write(head("/api/v1.0/consumer/conversation/" + conversation, "Connection: close\r\n",
                            body.length).getBytes(StandardCharsets.US_ASCII));
                    for (int i = 0; i < body.length; i += 8) {
                        out.write(Arrays.copyOfRange(body, i, Math.min(body.length, i + 8)));
                        out.flush();
                        Thread.sleep(50);
                    }
                    assertThat(readToEnd(socket)).startsWith("HTTP/1.1 200 ").contains("\"messageId\"");
                }
                assertThat(api.get("/api/v1.0/consumer/conversation/" + conversation + "/messages").json()
                        .get("messages")).hasSize(1);
            }
        }

        @Test
        void aClientThatWaitsForContinueGetsOneAndThenItsAnswer() throws Exception {
            try (MessagingServer server = start(StoreSettings.inMemory(), HttpLimits.defaults())) {
                String conversation = new ApiCalls(server.baseUri(), TestServer.DEV).newConversation();
                byte[] body = CONTENT.getBytes(StandardCharsets.UTF_8);
                try (Socket socket = new Socket(server.baseUri().getHost(), server.baseUri().getPort())) {
                    socket.setSoTimeout(10_000);
                    OutputStream out = socket.getOutputStream();
                    out.write(head("/api/v1.0/consumer/conversation/" + conversation,
                            "Expect: 100-continue\r\nConnection: close\r\n", body.length)
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    byte[] interim = new byte[25];
                    int read = socket.getInputStream().readNBytes(interim, 0, interim.length);
                    assertThat(new String(interim, 0, read, StandardCharsets.US_ASCII))
                            .isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
                    out.write(body);
                    out.flush();
                    String rest = readToEnd(socket);
                    assertThat(rest).startsWith("HTTP/1.1 200 ").doesNotContain("100 Continue");
                }
            }
        }
    }

    @Nested
    class BodyThatStopsArriving {

        @Test
        void isAnswered408AsProblemDetailsWithinTheBodyTimeoutAndNothingIsStored() throws Exception {
            HttpLimits limits = HttpLimits.defaults().withBodyTimeout(Duration.ofSeconds(1));
            try (MessagingServer server = start(StoreSettings.inMemory(), limits)) {
                ApiCalls api = new ApiCalls(server.baseUri(), TestServer.DEV);
                String conversation = api.newConversation();
                long started = System.nanoTime();
                String answer;
                try (Socket socket = slowBody(server, conversation)) {
                    answer = readToEnd(socket);
                }
                long millis = (System.nanoTime() - started) / 1_000_000;

                assertThat(answer).startsWith("HTTP/1.1 408 ")
                        .containsIgnoringCase("Content-Type: application/problem+json")
                        .containsIgnoringCase("x-ms-correlation-id: ")
                        .containsIgnoringCase("Connection: close")
                        .contains("\"status\":408").contains("\"correlationId\":\"")
                        .doesNotContain("Exception");
                assertThat(millis).as("answered after the 1 s body timeout, not Grizzly's 30 s read timeout")
                        .isBetween(900L, 10_000L);
                assertThat(api.get("/api/v1.0/consumer/conversation/" + conversation + "/messages").json()
                        .get("messages")).isEmpty();
            }
        }

        @Test
        void bodyLargerThanTheLimitArrivingInPartsIsAnswered413BeforeItEnds() throws Exception {
            try (MessagingServer server = start(StoreSettings.inMemory(),
                    HttpLimits.defaults().withMaxBodyBytes(1024))) {
                try (Socket socket = new Socket(server.baseUri().getHost(), server.baseUri().getPort())) {
                    socket.setSoTimeout(10_000);
                    OutputStream out = socket.getOutputStream();
                    out.write(head("/api/v1.0/consumer/conversation/create", "", 1000)
                            .replace("Content-Length: 1000", "Transfer-Encoding: chunked")
                            .getBytes(StandardCharsets.US_ASCII));
                    byte[] chunk = ("800\r\n" + "x".repeat(0x800) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                    out.write(chunk);
                    out.flush();
                    assertThat(readToEnd(socket)).startsWith("HTTP/1.1 413 ").contains("\"status\":413")
                            .contains("1024 bytes");
                }
            }
        }
    }

    @Nested
    class SlowHeaders {

        @Test
        void aClientThatSendsItsHeadersSlowlyIsClosedAfterTheIdleTimeoutWhileOthersAreServed() throws Exception {
            HttpLimits limits = HttpLimits.defaults().withIdleTimeout(Duration.ofSeconds(2));
            try (MessagingServer server = start(StoreSettings.inMemory(), limits);
                 Socket socket = new Socket(server.baseUri().getHost(), server.baseUri().getPort())) {
                ApiCalls api = new ApiCalls(server.baseUri(), TestServer.DEV);
                byte[] headers = head("/api/v1.0/consumer/conversation/create", "", 2)
                        .getBytes(StandardCharsets.US_ASCII);
                socket.setSoTimeout(100);
                long started = System.nanoTime();
                int answered = 0;
                boolean closed = false;
                for (int i = 0; i < headers.length - 4 && !closed; i++) {
                    try {
                        socket.getOutputStream().write(headers[i]);
                        socket.getOutputStream().flush();
                        int read = socket.getInputStream().read();
                        closed = read < 0;
                        answered += read < 0 ? 0 : 1;
                    } catch (java.net.SocketTimeoutException stillOpen) {
                        // a tenth of a second passed: the next byte
                    } catch (IOException reset) {
                        closed = true;
                    }
                    if (i % 10 == 0) {
                        assertThat(api.get("/health").status()).isEqualTo(200);
                    }
                    if (System.nanoTime() - started > 12_000_000_000L) {
                        break;
                    }
                }
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertThat(closed).as("closed within 12 s").isTrue();
                assertThat(answered).as("nothing is answered to headers that never end").isZero();
                assertThat(millis).as("closed after the 2 s idle timeout").isBetween(1_500L, 12_000L);
            }
        }
    }
}
