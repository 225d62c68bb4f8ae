package io.github.ccmessaging.client;

import static io.github.ccmessaging.client.MessagingClientRequestsTest.CHANNEL;
import static io.github.ccmessaging.client.MessagingClientRequestsTest.CONVERSATION;
import static io.github.ccmessaging.client.MessagingClientRequestsTest.ORGANIZATION;
import static io.github.ccmessaging.client.MessagingClientRequestsTest.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.ccmessaging.client.FakeMessagingServer.RecordedRequest;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MessagingClientContextTest {

    private FakeMessagingServer server;
    private MessagingClient client;

    @BeforeEach
    void startServer() {
        server = FakeMessagingServer.start();
        client = server.clientForDevChannel()
                .token(TOKEN)
                .build();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void contextGetsTheConversationsContextWithTheChannelHeaders() {
        server.respond(200, "application/json", "{\"context\":[]}", Map.of());

        client.context(CONVERSATION);

        RecordedRequest request = server.lastRequest();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/api/v1.0/consumer/conversation/" + CONVERSATION + "/context");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.header("channel-id")).isEqualTo(CHANNEL);
        assertThat(request.header("organization-id")).isEqualTo(ORGANIZATION);
    }

    @Test
    void contextMapsNamesToValuesInTheServersOrder() {
        server.respond(200, "application/json", """
                {"context":[{"name":"zeta","value":"A-1001"},{"name":"alpha","value":42},
                            {"name":"mid","value":true},{"name":"price","value":10.5}]}""", Map.of());

        Map<String, Object> context = client.context(CONVERSATION);

        assertThat(context).containsExactly(Map.entry("zeta", "A-1001"), Map.entry("alpha", 42),
                Map.entry("mid", true), Map.entry("price", 10.5));
    }

    @Test
    void anObjectValueBecomesAMap() {
        server.respond(200, "application/json",
                "{\"context\":[{\"name\":\"order\",\"value\":{\"number\":\"A-1001\",\"items\":2}}]}", Map.of());

        assertThat(client.context(CONVERSATION).get("order")).isEqualTo(Map.of("number", "A-1001", "items", 2));
    }

    @Test
    void noContextIsAnEmptyMap() {
        server.respond(200, "application/json", "{\"context\":[]}", Map.of());

        assertThat(client.context(CONVERSATION)).isEmpty();
    }

    @Test
    void theContextMapCannotBeModified() {
        server.respond(200, "application/json", "{\"context\":[{\"name\":\"a\",\"value\":\"b\"}]}", Map.of());

        Map<String, Object> context = client.context(CONVERSATION);

        assertThatThrownBy(() -> context.put("c", "d")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void contextOfAnUnknownConversationRaisesMessagingApiException404() {
        server.respond(404, "application/problem+json",
                "{\"title\":\"Conversation does not exist\",\"status\":404,\"errorCode\":30013}", Map.of());

        MessagingApiException e = catchThrowableOfType(MessagingApiException.class, () -> client.context(CONVERSATION));

        assertThat(e.status()).isEqualTo(404);
        assertThat(e.errorCode()).hasValue(30013);
        assertThat(e.getMessage()).startsWith("getContext");
    }

    @Test
    void contextOfABlankConversationIdIsRejectedWithoutSending() {
        assertThatThrownBy(() -> client.context("")).isInstanceOf(IllegalArgumentException.class);
        assertThat(server.requests()).isEmpty();
    }
}
