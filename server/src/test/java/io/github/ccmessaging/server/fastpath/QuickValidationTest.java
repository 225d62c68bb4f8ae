package io.github.ccmessaging.server.fastpath;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ccmessaging.server.ServerSettings;
import io.github.ccmessaging.server.MessagingServer;
import io.github.ccmessaging.server.TestServer;
import io.github.ccmessaging.server.http.ProblemResponses;
import io.github.ccmessaging.server.store.StoreSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** In the running server, valid requests skip the executable validation and invalid ones still get its answer. */
class QuickValidationTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static HttpResponse<String> post(MessagingServer server, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUri() + "/api/v1.0/consumer/" + path))
                .header("channel-id", TestServer.DEV.channelId())
                .header("organization-id", TestServer.DEV.organizationId())
                .header("Authorization", "Bearer " + ServerSettings.DEV_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long fastPathCount(MessagingServer server) {
        return MeterCounts.of(server.baseUri(), MeterCounts.VALIDATION);
    }

    @Test
    void validMessagesTakeTheFastPathAndInvalidOnesTheFullOne() throws Exception {
        try (MessagingServer server = MessagingServer.start(TestServer.testDefaults()
                .store(StoreSettings.inMemory()).build())) {
            String created = post(server, "conversation/create", "{}").body();
            String conversation = created.replaceAll(".*\"conversationId\":\"([^\"]+)\".*", "$1");
            long before = fastPathCount(server);
            HttpResponse<String> ok = post(server, "conversation/" + conversation,
                    "{\"type\":\"message\",\"text\":\"hello\"}");
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            assertThat(fastPathCount(server)).as("requests that skipped the executable validation").isEqualTo(before + 1);

            HttpResponse<String> tooLong = post(server, "conversation/" + conversation,
                    "{\"type\":\"message\",\"text\":\"" + "x".repeat(6001) + "\"}");
            assertThat(tooLong.statusCode()).isEqualTo(400);
            assertThat(tooLong.headers().firstValue("Content-Type")).hasValue(ProblemResponses.MEDIA_TYPE);
            assertThat(tooLong.body()).contains("\"detail\":\"text size must be between 0 and 6000\"")
                    .contains("\"errorCode\":30011");
            assertThat(fastPathCount(server)).isEqualTo(before + 1);
        }
    }

    @Test
    void withTheFastPathOffEveryRequestIsValidatedInFullWithTheSameAnswers() throws Exception {
        try (MessagingServer on = MessagingServer.start(TestServer.testDefaults().build());
             MessagingServer off = MessagingServer.start(TestServer.testDefaults().fastPath(false).build())) {
            java.util.List<String> problems = new java.util.ArrayList<>();
            for (MessagingServer server : new MessagingServer[] {on, off}) {
                String created = post(server, "conversation/create", "{}").body();
                String conversation = created.replaceAll(".*\"conversationId\":\"([^\"]+)\".*", "$1");
                HttpResponse<String> ok = post(server, "conversation/" + conversation,
                        "{\"type\":\"message\",\"text\":\"hello\"}");
                assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
                assertThat(ok.body()).matches("\\{\"messageId\":\"[0-9]{13}\",\"message\":null}");
                HttpResponse<String> tooLong = post(server, "conversation/" + conversation,
                        "{\"type\":\"message\",\"text\":\"" + "x".repeat(6001) + "\"}");
                assertThat(tooLong.statusCode()).isEqualTo(400);
                problems.add(tooLong.body().replaceAll("\"correlationId\":\"[^\"]*\"", ""));
            }
            assertThat(problems.get(0)).contains("\"detail\":\"text size must be between 0 and 6000\"")
                    .contains("\"errorCode\":30011");
            assertThat(problems.get(1)).as("the same problem without the fast path").isEqualTo(problems.get(0));
            assertThat(fastPathCount(on)).as("with the fast path").isGreaterThanOrEqualTo(2);
            assertThat(fastPathCount(off)).as("without the fast path").isZero();
        }
    }
}
