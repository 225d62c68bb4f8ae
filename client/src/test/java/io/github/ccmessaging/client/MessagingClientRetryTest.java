package io.github.ccmessaging.client;

import static io.github.ccmessaging.client.MessagingClientRequestsTest.CHANNEL;
import static io.github.ccmessaging.client.MessagingClientRequestsTest.CONVERSATION;
import static io.github.ccmessaging.client.MessagingClientRequestsTest.ORGANIZATION;
import static io.github.ccmessaging.client.MessagingClientRequestsTest.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MessagingClientRetryTest {
    private static final String TOO_MANY = "{\"title\":\"Too Many Requests\",\"status\":429}";

    private FakeMessagingServer server;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() {
        server = FakeMessagingServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private MessagingClient client(int maxRetries) {
        return MessagingClient.builder().baseUri(server.baseUri()).channelId(CHANNEL).organizationId(ORGANIZATION)
                .token(TOKEN).retries(maxRetries, Duration.ofMillis(100), Duration.ofSeconds(5))
                .sleeper(waits::add).build();
    }

    @Test
    void retriesA429AfterRetryAfterAndResendsTheSameActivityId() {
        server.respondOnce(429, "application/problem+json", TOO_MANY, Map.of("Retry-After", "2"));
        String messageId = client(3).sendMessage(CONVERSATION, "hello");

        assertThat(messageId).isEqualTo("1745323200123");
        assertThat(waits).containsExactly(Duration.ofSeconds(2));
        assertThat(server.requests()).hasSize(2);
        String firstId = server.requests().get(0).json().get("id").asText();
        assertThat(firstId).isNotBlank();
        assertThat(server.requests().get(1).json().get("id").asText()).isEqualTo(firstId);
    }

    @Test
    void retries503WithBackoffWhenThereIsNoRetryAfter() {
        server.respondOnce(503, "text/plain", "busy", Map.of());
        server.respondOnce(503, "text/plain", "busy", Map.of());
        client(3).sendTyping(CONVERSATION);

        assertThat(server.requests()).hasSize(3);
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(100));
        assertThat(waits.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(200));
    }

    @Test
    void givesUpAfterMaxRetriesWithTheLastRefusal() {
        server.respond(429, "application/problem+json", TOO_MANY, Map.of("Retry-After", "1"));
        MessagingApiException e = catchThrowableOfType(MessagingApiException.class,
                () -> client(2).sendMessage(CONVERSATION, "hello"));

        assertThat(e.status()).isEqualTo(429);
        assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(1));
        assertThat(server.requests()).hasSize(3);
        assertThat(waits).hasSize(2);
    }

    @Test
    void neverRetriesOtherErrors() {
        server.respond(400, "application/problem+json", "{\"title\":\"x\",\"status\":400,\"errorCode\":30016}", Map.of());
        catchThrowableOfType(MessagingApiException.class, () -> client(3).sendMessage(CONVERSATION, ""));
        assertThat(server.requests()).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void capsTheServersRetryAfterAtTheMaximumDelay() {
        server.respondOnce(429, "application/problem+json", TOO_MANY, Map.of("Retry-After", "3600"));
        client(1).sendMessage(CONVERSATION, "hello");
        assertThat(waits).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void readsRetryAfterGivenAsAnHttpDate() {
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(10));
        server.respond(429, "application/problem+json", TOO_MANY, Map.of("Retry-After", inTenSeconds));
        MessagingApiException e = catchThrowableOfType(MessagingApiException.class,
                () -> client(0).sendMessage(CONVERSATION, "hello"));
        assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(8),
                Duration.ofSeconds(10)));
    }
}
