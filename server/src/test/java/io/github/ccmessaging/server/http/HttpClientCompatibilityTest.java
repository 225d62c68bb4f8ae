package io.github.ccmessaging.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ccmessaging.server.ServerSettings;
import io.github.ccmessaging.server.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpClientCompatibilityTest {

    /** The JDK client offers an h2c upgrade by default; Grizzly used to wait for the body until a 30 s timeout. */
    @Test
    void jdkHttpClientWithDefaultSettingsIsAnswered() throws Exception {
        try (TestServer server = new TestServer()) {
            String conversation = server.dev().newConversation();
            HttpClient defaultClient = HttpClient.newHttpClient();
            assertThat(defaultClient.version()).isEqualTo(HttpClient.Version.HTTP_2);
            for (int i = 0; i < 3; i++) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUri() + "/api/v1.0/consumer/conversation/"
                                + conversation))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + ServerSettings.DEV_TOKEN)
                        .header("channel-id", ServerSettings.DEV_CHANNEL_ID)
                        .header("organization-id", ServerSettings.DEV_ORGANIZATION_ID)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"message\",\"text\":\"hello " + i + "\"}"))
                        .build();
                HttpResponse<String> response = defaultClient.send(request, HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
                assertThat(response.body()).matches("\\{\"messageId\":\"\\d{13}\",\"message\":null}");
            }
        }
    }
}
