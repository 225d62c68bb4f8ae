package io.github.ccmessaging.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ccmessaging.server.channel.Channel;
import io.github.ccmessaging.server.store.ConversationStore;
import io.github.ccmessaging.server.store.jdbc.DatabaseSettings;
import io.github.ccmessaging.server.store.StoreSettings;
import io.github.ccmessaging.server.store.TestStores;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two server instances on one PostgreSQL database behave as one service. Skipped when no PostgreSQL is configured. */
class TwoInstancesOnPostgresTest {
    private final List<AutoCloseable> resources = new ArrayList<>();
    private ApiCalls a;
    private ApiCalls b;

    @BeforeEach
    void startTwoInstances() {
        DatabaseSettings database = TestStores.newPostgresSchema();
        a = instance(database);
        b = instance(database);
    }

    private ApiCalls instance(DatabaseSettings database) {
        MessagingServer server = MessagingServer.start(TestServer.testDefaults().channel(TestServer.DEV)
                .store(StoreSettings.postgres(database)).build());
        resources.add(0, server);
        return new ApiCalls(server.baseUri(), TestServer.DEV);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    @Test
    void concurrentActivitiesThroughBothInstancesGetUniqueStrictlyIncreasingMessageIds() throws Exception {
        String conversation = a.newConversation();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        List<Future<Map<String, String>>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            ApiCalls api = t % 2 == 0 ? a : b;
            String prefix = "t" + t + "-";
            results.add(senders.submit((Callable<Map<String, String>>) () -> {
                Map<String, String> acknowledged = new ConcurrentHashMap<>();
                for (int n = 0; n < 40; n++) {
                    ApiCalls.Reply reply = api.send(conversation, message(prefix + n));
                    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                    acknowledged.put(prefix + n, reply.messageId());
                }
                return acknowledged;
            }));
        }
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        for (Future<Map<String, String>> result : results) {
            acknowledged.putAll(result.get());
        }
        senders.shutdown();

        assertThat(new HashSet<>(acknowledged.values())).hasSize(320);
        for (ApiCalls either : List.of(a, b)) {
            List<Long> order = new ArrayList<>();
            for (JsonNode entry : either.transcript(conversation)) {
                assertThat(acknowledged.get(entry.get("activity").get("id").asText()))
                        .isEqualTo(entry.get("messageId").asText());
                order.add(entry.get("messageId").asLong());
            }
            assertThat(order).hasSize(320).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void anActivityRetriedOnTheOtherInstanceReturnsTheFirstMessageId() {
        String conversation = a.newConversation();
        ApiCalls.Reply first = a.send(conversation, message("retried-once"));
        ApiCalls.Reply retry = b.send(conversation, message("retried-once"));

        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.messageId()).isEqualTo(first.messageId());
        assertThat(b.transcript(conversation)).hasSize(1);
    }

    @Test
    void theSameCreateRequestOnBothInstancesAtOnceStartsOneConversation() throws Exception {
        ExecutorService both = Executors.newFixedThreadPool(2);
        for (int round = 0; round < 10; round++) {
            String body = "{\"conversationrequestid\":\"request-" + round + "\"}";
            Future<ApiCalls.Reply> onA = both.submit(() -> a.create(body));
            Future<ApiCalls.Reply> onB = both.submit(() -> b.create(body));
            assertThat(onA.get().status()).isEqualTo(200);
            assertThat(onB.get().status()).isEqualTo(200);
            assertThat(onB.get().json().get("conversationId")).isEqualTo(onA.get().json().get("conversationId"));
        }
        both.shutdown();
    }

    @Test
    void aChannelRegisteredOnOneInstanceIsServedByTheOther() throws Exception {
        Channel registered = new Channel("0b0b0b0b-0000-4000-8000-000000000007", ServerSettings.DEV_ORGANIZATION_ID,
                "registered-on-a");
        assertThat(a.put("/emulator/channels/" + registered.channelId(), "{\"organizationId\":\""
                + registered.organizationId() + "\",\"token\":\"" + registered.token() + "\"}").status()).isEqualTo(200);

        ApiCalls asRegistered = b.withHeader("channel-id", registered.channelId())
                .withHeader("Authorization", "Bearer " + registered.token());
        assertThat(asRegistered.create("{}").status()).isEqualTo(200);
    }

    @Test
    void webhookDeliveriesScheduledOnBothInstancesArriveOnceEachInOrder() throws Exception {
        try (WebhookReceiver webhook = new WebhookReceiver()) {
            assertThat(a.put("/emulator/channels/" + TestServer.DEV.channelId(), "{\"organizationId\":\""
                    + TestServer.DEV.organizationId() + "\",\"token\":\"" + TestServer.DEV.token()
                    + "\",\"webhookUrl\":\"" + webhook.baseUrl() + "\"}").status()).isEqualTo(200);
            Thread.sleep(1_100); // an instance remembers a channel it looked up for up to a second
            String conversation = a.newConversation();
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ApiCalls api = i % 2 == 0 ? a : b;
                ApiCalls.Reply reply = api.post("/emulator/conversations/" + conversation + "/activities",
                        "{\"type\":\"message\",\"text\":\"reply " + i + "\"}");
                assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                sent.add(reply.messageId());
            }

            List<String> received = webhook.take(20).stream().map(r -> r.activity().get("id").asText()).toList();

            assertThat(received).containsExactlyElementsOf(sent);
            Thread.sleep(1_500);
            assertThat(webhook.waiting()).as("deliveries after the 20 expected").isZero();
            Set<String> statuses = new HashSet<>();
            b.transcript(conversation).forEach(e -> statuses.add(e.path("delivery").path("status").asText()));
            assertThat(statuses).containsExactly("delivered");
        }
    }

    private static String message(String id) {
        return "{\"type\":\"message\",\"id\":\"" + id + "\",\"text\":\"hello " + id + "\"}";
    }

}
