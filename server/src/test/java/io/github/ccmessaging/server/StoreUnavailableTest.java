package io.github.ccmessaging.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ccmessaging.server.store.ConversationStore;
import io.github.ccmessaging.server.store.StoreSettings;
import io.github.ccmessaging.server.store.TestStores;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the database is gone, callers get 503 with Retry-After (documented as StoreUnavailable), never a 500. */
class StoreUnavailableTest {
    @TempDir
    Path dataDir;

    private ConversationStore store;
    private MessagingServer server;
    private ApiCalls api;
    private String conversation;

    @BeforeEach
    void startThenLoseTheDatabase() {
        Clock clock = Clock.systemUTC();
        store = TestStores.embedded(dataDir, clock);
        server = MessagingServer.start(TestServer.testDefaults().channel(TestServer.DEV)
                .store(StoreSettings.of(store)).build());
        api = new ApiCalls(server.baseUri(), TestServer.DEV);
        conversation = api.newConversation();
        store.close();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyConsumerEndpointAnswers503WithRetryAfterAsProblemDetails() {
        List<ApiCalls.Reply> replies = List.of(
                api.create("{}"),
                api.message(conversation, "hello"),
                api.get("/api/v1.0/consumer/conversations"),
                api.get("/api/v1.0/consumer/conversation/" + conversation + "/messages"),
                api.get("/api/v1.0/consumer/conversation/" + conversation + "/context"));

        assertThat(replies).allSatisfy(reply -> {
            assertThat(reply.status()).as(reply.body()).isEqualTo(503);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.headers().get("Retry-After")).containsExactly("1");
            assertThat(reply.json().get("title").asText()).isEqualTo("Service Unavailable");
            assertThat(reply.correlationId()).isNotBlank();
            assertThat(reply.body()).doesNotContain("Exception").doesNotContain("sqlite");
        });
    }

    @Test
    void healthReportsTheStoreDown() {
        ApiCalls.Reply health = api.get("/health");

        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json().get("checks").get("store").asText()).isEqualTo("DOWN");
    }
}
