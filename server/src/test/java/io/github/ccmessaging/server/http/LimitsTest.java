package io.github.ccmessaging.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ccmessaging.server.MessagingServer;
import io.github.ccmessaging.server.ServerSettings;
import io.github.ccmessaging.server.TestServer;
import io.github.ccmessaging.server.store.StoreSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LimitsTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static MessagingServer start(HttpLimits limits) {
        return MessagingServer.start(TestServer.testDefaults().store(StoreSettings.inMemory()).limits(limits)
                .channel(TestServer.DEV).channel(TestServer.OTHER).build());
    }

    private static HttpRequest.Builder post(MessagingServer server, String path, String token) {
        return HttpRequest.newBuilder(URI.create(server.baseUri() + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("channel-id", ServerSettings.DEV_CHANNEL_ID)
                .header("organization-id", ServerSettings.DEV_ORGANIZATION_ID)
                .header("Content-Type", "application/json");
    }

    @Test
    void bodyLargerThanTheLimitGets413WithProblemDetails() throws Exception {
        try (MessagingServer server = start(new HttpLimits(1024, 0))) {
            String big = "{\"type\":\"message\",\"text\":\"" + "x".repeat(2000) + "\"}";
            HttpResponse<String> response = HTTP.send(post(server, "/api/v1.0/consumer/conversation/create",
                    ServerSettings.DEV_TOKEN).POST(HttpRequest.BodyPublishers.ofString(big)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(response.body()).contains("\"status\":413").contains("1024 bytes");
        }
    }

    /**
     * Sends only the head and the first part of an oversized body, then waits: a server that needed the whole body
     * before answering would never answer.
     */
    private static String answerToPartialBody(MessagingServer server, String framingHeader, byte[] firstPart)
            throws Exception {
        try (Socket socket = new Socket(server.baseUri().getHost(), server.baseUri().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST /api/v1.0/consumer/conversation/" + java.util.UUID.randomUUID() + " HTTP/1.1\r\n"
                    + "Host: localhost\r\nAuthorization: Bearer " + ServerSettings.DEV_TOKEN + "\r\n"
                    + "channel-id: " + ServerSettings.DEV_CHANNEL_ID + "\r\n"
                    + "organization-id: " + ServerSettings.DEV_ORGANIZATION_ID + "\r\n"
                    + "Content-Type: application/json\r\n" + framingHeader + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // written beside the read: the server may answer and close before all of it is written (a broken pipe)
            Thread writer = new Thread(() -> {
                try {
                    out.write(firstPart);
                    out.flush();
                } catch (java.io.IOException closedByTheServer) {
                    // the answer is what the test reads
                }
            });
            writer.setDaemon(true);
            writer.start();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            return in.readLine();
        }
    }

    @Test
    void announcedOversizedBodyIsRefusedBeforeItIsSent() throws Exception {
        try (MessagingServer server = start(new HttpLimits(64 * 1024, 0))) {
            assertThat(answerToPartialBody(server, "Content-Length: 104857600", new byte[0])).contains(" 413 ");
        }
    }

    @Test
    void chunkedBodyIsRefusedAsSoonAsItPassesTheLimit() throws Exception {
        try (MessagingServer server = start(new HttpLimits(64 * 1024, 0))) {
            byte[] text = ("{\"type\":\"message\",\"text\":\"" + "x".repeat(128 * 1024))
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] chunk = (Integer.toHexString(text.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] firstChunk = new byte[chunk.length + text.length + 2];
            System.arraycopy(chunk, 0, firstChunk, 0, chunk.length);
            System.arraycopy(text, 0, firstChunk, chunk.length, text.length);
            firstChunk[firstChunk.length - 2] = '\r';
            firstChunk[firstChunk.length - 1] = '\n';
            // no last chunk follows: the body never ends
            assertThat(answerToPartialBody(server, "Transfer-Encoding: chunked", firstChunk)).contains(" 413 ");
        }
    }

    @Test
    void largestValidActivityIsWellBelowTheDefaultLimit() {
        long largest = ("{\"type\":\"message\",\"text\":\"" + "\\uffff".repeat(6000) + "\"}").length();
        assertThat(HttpLimits.DEFAULT_MAX_BODY_BYTES).isGreaterThan(100 * largest);
    }

    @Test
    void channelOverItsRateGets429WithRetryAfterWhileOtherChannelsAreServed() throws Exception {
        int perSecond = 1;
        try (MessagingServer server = start(new HttpLimits(HttpLimits.DEFAULT_MAX_BODY_BYTES, perSecond))) {
            long started = System.nanoTime();
            int accepted = 0;
            HttpResponse<String> refused = null;
            for (int i = 0; i < 50 && refused == null; i++) {
                HttpResponse<String> response = HTTP.send(post(server, "/api/v1.0/consumer/conversation/create",
                        ServerSettings.DEV_TOKEN).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 429) {
                    refused = response;
                } else {
                    assertThat(response.statusCode()).isEqualTo(200);
                    accepted++;
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(refused).as("a 429 within 50 requests").isNotNull();
            assertThat(accepted).as("burst plus refills").isLessThanOrEqualTo(perSecond + (int) Math.ceil(seconds * perSecond));
            assertThat(refused.body()).contains("\"status\":429");
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
                    v -> assertThat(Integer.parseInt(v)).isEqualTo(1));

            HttpResponse<String> other = HTTP.send(HttpRequest.newBuilder(
                            URI.create(server.baseUri() + "/api/v1.0/consumer/conversation/create"))
                    .header("Authorization", "Bearer " + TestServer.OTHER.token())
                    .header("channel-id", TestServer.OTHER.channelId())
                    .header("organization-id", TestServer.OTHER.organizationId())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(other.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void rateLimitIsOffByDefault() throws Exception {
        try (MessagingServer server = start(HttpLimits.defaults())) {
            for (int i = 0; i < 60; i++) {
                HttpResponse<String> response = HTTP.send(post(server, "/api/v1.0/consumer/conversation/create",
                        ServerSettings.DEV_TOKEN).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
            }
        }
    }
}
