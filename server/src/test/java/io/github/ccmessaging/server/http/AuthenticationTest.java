package io.github.ccmessaging.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ccmessaging.server.ApiCalls;
import io.github.ccmessaging.server.ApiCalls.Reply;
import io.github.ccmessaging.server.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AuthenticationTest {
    private static TestServer server;
    private static String conversation;

    @BeforeAll
    static void start() {
        server = new TestServer();
        conversation = server.dev().newConversation();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assertUnauthorized(Reply reply) {
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("status").asInt()).isEqualTo(401);
        assertThat(reply.json().has("errorCode")).isFalse();
        assertThat(reply.headers().get("www-authenticate")).containsExactly("Bearer");
        assertThat(reply.correlationId()).isNotBlank();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "Bearer", "Bearer ", "Bearer wrong-token", "Basic ZW11bGF0b3I6ZGV2",
        "emulator-dev-token", "Bearer other-channel-token"})
    void rejectsMissingOrWrongBearerToken(String authorization) {
        ApiCalls api = server.dev().withHeader("Authorization", authorization);
        assertUnauthorized(api.message(conversation, "hi"));
        assertUnauthorized(api.create("{}"));
    }

    @Test
    void rejectsAnOrganizationTheChannelDoesNotBelongToSayingWhichHeaderDoesNotFit() {
        Reply reply = server.dev().withHeader("organization-id", TestServer.OTHER.organizationId()).create("{}");
        assertUnauthorized(reply);
        assertThat(reply.json().get("detail").asText()).contains("organization-id");
    }

    @Test
    void aWrongOrganizationWithAWrongTokenGetsTheGenericAnswer() {
        Reply reply = server.dev().withHeader("organization-id", TestServer.OTHER.organizationId())
                .withHeader("Authorization", "Bearer wrong-token").create("{}");
        Reply wrongToken = server.dev().withHeader("Authorization", "Bearer wrong-token").create("{}");
        assertUnauthorized(reply);
        assertThat(reply.json().get("detail")).isEqualTo(wrongToken.json().get("detail"));
        assertThat(reply.json().get("detail").asText()).doesNotContain("organization-id");
    }

    @Test
    void rejectsUnknownChannelWithTheGenericAnswer() {
        Reply reply = server.dev().withHeader("channel-id", "11111111-2222-4333-8444-555555555555").create("{}");
        Reply wrongToken = server.dev().withHeader("Authorization", "Bearer wrong-token").create("{}");
        assertUnauthorized(reply);
        assertThat(reply.json().get("detail")).isEqualTo(wrongToken.json().get("detail"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "not-a-guid", "c0ffee00-0000-4000-8000-00000000000"})
    void rejectsMissingOrMalformedChannelIdHeader(String channelId) {
        Reply reply = server.dev().withHeader("channel-id", channelId).message(conversation, "hi");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo(30002);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "org", "c0ffee00-0000-4000-8000-00000000000z"})
    void rejectsMissingOrMalformedOrganizationIdHeader(String organizationId) {
        Reply reply = server.dev().withHeader("organization-id", organizationId).create("{}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo(30001);
    }

    @Test
    void acceptsHeaderGuidsInUpperCase() {
        Reply reply = server.dev().withHeader("channel-id", TestServer.DEV.channelId().toUpperCase())
                .withHeader("organization-id", TestServer.DEV.organizationId().toUpperCase()).create("{}");
        assertThat(reply.status()).isEqualTo(200);
    }

    @Test
    void echoesASaneCallerCorrelationIdAndReplacesAnInsaneOne() {
        assertThat(server.dev().withHeader("x-ms-correlation-id", "trace-123").create("{}").correlationId())
                .isEqualTo("trace-123");
        assertThat(server.dev().withHeader("x-ms-correlation-id", "bad id\u00e9").create("{}").correlationId())
                .isNotEqualTo("bad id\u00e9")
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void unknownPathIsAProblemToo() {
        Reply reply = server.dev().post("/api/v1.0/consumer/nothing-here", "{}");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }
}
