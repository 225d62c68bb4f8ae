package io.github.ccmessaging.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ccmessaging.server.ApiCalls;
import io.github.ccmessaging.server.TestServer;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** GUIDs compare in any letter case: ids are put in lower case once, before a request is matched. */
class IdsInLowerCaseTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Nested
    class OfAPath {
        @Test
        void guidSegmentsAreLoweredAndOtherSegmentsKept() {
            assertThat(IdsInLowerCase.lowerCaseGuidSegments(
                    "/api/v1.0/consumer/conversation/9A1C3C0E-52F7-4B5E-9C6A-3F2D1E0B8A77/Messages"))
                    .isEqualTo("/api/v1.0/consumer/conversation/9a1c3c0e-52f7-4b5e-9c6a-3f2d1e0b8a77/Messages");
            assertThat(IdsInLowerCase.lowerCaseGuidSegments("/docs/Swagger-UI.css")).isEqualTo("/docs/Swagger-UI.css");
            assertThat(IdsInLowerCase.lowerCaseGuidSegments("/")).isEqualTo("/");
        }
    }

    @Nested
    class EndToEnd {
        @Test
        void aConversationCreatedInLowerCaseIsFoundThroughUpperCaseIdsEverywhere() {
            ApiCalls upper = server.dev().withHeader("channel-id", TestServer.DEV.channelId().toUpperCase(Locale.ROOT))
                    .withHeader("organization-id", TestServer.DEV.organizationId().toUpperCase(Locale.ROOT));
            String conversation = server.dev().newConversation();
            String shouted = conversation.toUpperCase(Locale.ROOT);

            assertThat(upper.message(shouted, "in upper case").status()).isEqualTo(200);
            ApiCalls.Reply messages = upper.get("/api/v1.0/consumer/conversation/" + shouted + "/messages");
            assertThat(messages.status()).isEqualTo(200);
            assertThat(messages.json().get("messages")).hasSize(1);
            ApiCalls.Reply transcript = upper.get("/emulator/conversations/" + shouted + "/transcript");
            assertThat(transcript.status()).isEqualTo(200);
            assertThat(transcript.json().get("conversationId").asText()).isEqualTo(conversation);
        }

        @Test
        void aRateLimitedOrAuthenticatedChannelIsTheSameChannelInAnyCase() {
            ApiCalls mixed = server.dev().withHeader("channel-id", "C0FFEE00-0000-4000-8000-000000000001");
            assertThat(mixed.create("{}").status()).isEqualTo(200);
        }
    }
}
