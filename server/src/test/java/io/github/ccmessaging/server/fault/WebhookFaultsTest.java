package io.github.ccmessaging.server.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ccmessaging.server.ApiCalls;
import io.github.ccmessaging.server.ApiCalls.Reply;
import io.github.ccmessaging.server.ServerSettings;
import io.github.ccmessaging.server.TestServer;
import io.github.ccmessaging.server.WebhookReceiver;
import io.github.ccmessaging.server.WebhookReceiver.Received;
import io.github.ccmessaging.server.channel.Channel;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fault rules of the webhook side: deliveries to the channel that come late or twice. */
class WebhookFaultsTest {
    private WebhookReceiver webhook;
    private TestServer server;
    private ApiCalls api;

    @BeforeEach
    void start() {
        webhook = new WebhookReceiver();
        Channel dev = new Channel(ServerSettings.DEV_CHANNEL_ID, ServerSettings.DEV_ORGANIZATION_ID,
                ServerSettings.DEV_TOKEN, webhook.baseUrl(), null);
        server = new TestServer(settings -> { }, dev, TestServer.OTHER);
        api = server.dev();
    }

    @AfterEach
    void stop() {
        server.close();
        webhook.close();
    }

    private String reply(String conversation, String text) {
        Reply reply = api.post("/emulator/conversations/" + conversation + "/activities",
                "{\"type\":\"message\",\"text\":\"" + text + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.messageId();
    }

    private void addRule(String rule) {
        Reply reply = api.post("/emulator/faults", rule);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    @Test
    void aLateDeliveryArrivesAfterItsDelayAndTheNextKeepsItsOrder() throws InterruptedException {
        String conversation = api.newConversation();
        addRule("{\"fault\":{\"type\":\"lateDelivery\",\"delayMillis\":1500},\"times\":1}");

        long sent = System.nanoTime();
        String late = reply(conversation, "first");
        String next = reply(conversation, "second");
        List<Received> received = webhook.take(2);
        long tookMillis = (System.nanoTime() - sent) / 1_000_000;

        assertThat(tookMillis).isGreaterThanOrEqualTo(1450);
        assertThat(received).extracting(r -> r.activity().get("id").asText()).containsExactly(late, next);
        assertThat(api.get("/emulator/faults").json().get("rules").get(0).get("fired").asInt()).isEqualTo(1);
    }

    @Test
    void aRepeatedDeliveryIsSentTwiceWithTheSameActivityId() throws InterruptedException {
        String conversation = api.newConversation();
        addRule("{\"match\":{\"conversationId\":\"" + conversation + "\"},\"fault\":{\"type\":\"repeatDelivery\"}}");

        String messageId = reply(conversation, "once");
        List<Received> received = webhook.take(2);

        assertThat(received).extracting(r -> r.activity().get("id").asText()).containsExactly(messageId, messageId);
        assertThat(received.get(0).activity()).isEqualTo(received.get(1).activity());
        Thread.sleep(300);
        assertThat(webhook.waiting()).as("twice, not more").isZero();
    }

    @Test
    void aDeliveryRuleOfOneConversationLeavesTheOthersOnTime() throws InterruptedException {
        String faulted = api.newConversation();
        String other = api.newConversation();
        addRule("{\"match\":{\"conversationId\":\"" + faulted + "\"},\"fault\":{\"type\":\"repeatDelivery\"}}");

        String messageId = reply(other, "just once");

        assertThat(webhook.take(1).get(0).activity().get("id").asText()).isEqualTo(messageId);
        Thread.sleep(300);
        assertThat(webhook.waiting()).isZero();
    }
}
