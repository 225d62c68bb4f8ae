package io.github.ccmessaging.server.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ccmessaging.server.ApiCalls;
import io.github.ccmessaging.server.ApiCalls.Reply;
import io.github.ccmessaging.server.ServerSettings;
import io.github.ccmessaging.server.TestServer;
import io.github.ccmessaging.server.WebhookReceiver;
import io.github.ccmessaging.server.WebhookReceiver.Received;
import io.github.ccmessaging.server.channel.Channel;
import io.github.ccmessaging.server.webhook.WebhookPolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmulatorTest {
    private WebhookReceiver webhook;
    private TestServer server;
    private ApiCalls api;

    @BeforeEach
    void start() {
        webhook = new WebhookReceiver();
        Channel dev = new Channel(ServerSettings.DEV_CHANNEL_ID, ServerSettings.DEV_ORGANIZATION_ID,
                ServerSettings.DEV_TOKEN, webhook.baseUrl(), "webhook-secret");
        server = new TestServer(settings -> settings.webhooks(
                new WebhookPolicy(Duration.ofSeconds(2), 3, Duration.ofMillis(20))), dev, TestServer.OTHER);
        api = server.dev();
    }

    @AfterEach
    void stop() {
        server.close();
        webhook.close();
    }

    private String path(String conversation, String action) {
        return "/emulator/conversations/" + conversation + "/" + action;
    }

    private JsonNode transcript(String conversation) {
        Reply reply = api.get(path(conversation, "transcript"));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private JsonNode awaitDelivery(String conversation, String messageId) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            for (JsonNode entry : transcript(conversation).get("activities")) {
                if (entry.get("messageId").asText().equals(messageId) && entry.has("delivery")
                        && !entry.get("delivery").get("status").asText().equals("pending")) {
                    return entry;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("delivery of " + messageId + " never finished");
    }

    @Test
    void aFullConversationReachesTheWebhookInOrder() throws Exception {
        String conversation = api.create("{\"customercontext\":{\"customerid\":\"c-1\"}}")
                .json().get("conversationId").asText();
        String question = api.message(conversation, "Where is my order?").messageId();

        Reply accepted = api.post(path(conversation, "accept"), "{\"id\":\"agent-1\",\"name\":\"Alex\"}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().get("messageIds")).hasSize(2);

        Reply reply = api.post(path(conversation, "activities"),
                "{\"type\":\"message\",\"text\":\"It ships **today**\",\"from\":{\"id\":\"agent-1\",\"name\":\"Alex\"}}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        String replyId = reply.messageId();
        assertThat(Long.parseLong(replyId)).isGreaterThan(Long.parseLong(question));

        List<Received> delivered = webhook.take(3);
        assertThat(delivered).extracting(r -> r.activity().path("name").asText(""))
                .containsExactly("AgentAccepted", "AgentAssigned", "");
        Received agentMessage = delivered.get(2);
        assertThat(agentMessage.path()).isEqualTo("/webhook/v3/conversations/" + conversation + "/activities");
        assertThat(agentMessage.authorization()).isEqualTo("Bearer webhook-secret");
        assertThat(agentMessage.activity().get("type").asText()).isEqualTo("message");
        assertThat(agentMessage.activity().get("id").asText()).isEqualTo(replyId);
        assertThat(agentMessage.activity().get("textFormat").asText()).isEqualTo("markdown");
        assertThat(agentMessage.activity().get("text").asText()).isEqualTo("It ships **today**");
        assertThat(agentMessage.activity().get("from").get("name").asText()).isEqualTo("Alex");
        assertThat(agentMessage.activity().get("conversation").get("id").asText()).isEqualTo(conversation);
        assertThat(delivered.get(0).activity().get("text").asText()).isEqualTo("EventName: **_AgentAccepted_**");

        Reply read = api.send(conversation, "{\"type\":\"event\",\"name\":\"MessageRead\",\"value\":{\"messageId\":\""
                + replyId + "\"}}");
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.messageId()).isEmpty();

        Reply closed = api.post(path(conversation, "close"), null);
        assertThat(closed.status()).isEqualTo(200);
        assertThat(webhook.take(2)).extracting(r -> r.activity().get("name").asText())
                .containsExactly("AgentEndSession", "ConversationClose");

        assertThat(api.message(conversation, "hello?").errorCode()).isEqualTo(30013);
        assertThat(api.get("/api/v1.0/consumer/conversations").json().get("conversations")).isEmpty();

        JsonNode entries = awaitDelivery(conversation, replyId);
        assertThat(entries.get("read").asBoolean()).isTrue();
        assertThat(entries.get("delivery").get("status").asText()).isEqualTo("delivered");
        JsonNode all = transcript(conversation);
        assertThat(all.get("open").asBoolean()).isFalse();
        assertThat(all.get("activities")).extracting(e -> e.get("sender").asText()).containsExactly(
                "customer", "system", "system", "representative", "customer", "system", "system");
    }

    @Test
    void anyDocumentedSystemEventCanBeSentToTheWebhook() throws Exception {
        String conversation = api.newConversation();
        Reply sent = api.post(path(conversation, "events"), "{\"name\":\"TransferToAgentInitiated\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        Received event = webhook.take(1).get(0);
        assertThat(event.activity().get("name").asText()).isEqualTo("TransferToAgentInitiated");
        assertThat(event.activity().get("text").asText()).isEqualTo("EventName: **_TransferToAgentInitiated_**");
        assertThat(event.activity().get("id").asText()).isEqualTo(sent.json().get("messageIds").get(0).asText());
        assertThat(api.message(conversation, "still open").status()).isEqualTo(200);

        Reply unknown = api.post(path(conversation, "events"), "{\"name\":\"AgentClosed\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorCode()).isEqualTo(30012);
    }

    @Test
    void readEventMustNameAMessageOfTheRepresentative() {
        String conversation = api.newConversation();
        String customerMessage = api.message(conversation, "hi").messageId();
        String typing = api.post(path(conversation, "activities"), "{\"type\":\"typing\"}").messageId();
        for (String named : List.of(customerMessage, typing, "1745323200123")) {
            Reply reply = api.send(conversation, "{\"type\":\"event\",\"name\":\"MessageRead\",\"value\":{\"messageId\":\""
                    + named + "\"}}");
            assertThat(reply.status()).as(named).isEqualTo(400);
            assertThat(reply.errorCode()).isEqualTo(30003);
        }
    }

    @Test
    void markingAMessageReadMarksEveryEarlierOneToo() {
        String conversation = api.newConversation();
        String first = api.post(path(conversation, "activities"), "{\"type\":\"message\",\"text\":\"one\"}").messageId();
        String second = api.post(path(conversation, "activities"), "{\"type\":\"message\",\"text\":\"two\"}").messageId();
        String third = api.post(path(conversation, "activities"), "{\"type\":\"message\",\"text\":\"three\"}").messageId();
        api.send(conversation, "{\"type\":\"event\",\"name\":\"MessageRead\",\"value\":{\"messageId\":\"" + second + "\"}}");
        List<String> readState = new java.util.ArrayList<>();
        for (JsonNode e : transcript(conversation).get("activities")) {
            if (e.get("sender").asText().equals("representative")) {
                readState.add(e.get("messageId").asText() + "=" + e.get("read").asBoolean());
            }
        }
        assertThat(readState).containsExactly(first + "=true", second + "=true", third + "=false");
    }

    @Test
    void aFailingWebhookIsRetriedAndTheOutcomeRecorded() throws Exception {
        String conversation = api.newConversation();
        webhook.failNext(2);
        String id = api.post(path(conversation, "activities"), "{\"type\":\"message\",\"text\":\"retry me\"}").messageId();
        JsonNode entry = awaitDelivery(conversation, id);
        assertThat(entry.get("delivery").get("status").asText()).isEqualTo("delivered");
        assertThat(entry.get("delivery").get("attempts").asInt()).isEqualTo(3);
        assertThat(webhook.take(1).get(0).activity().get("id").asText()).isEqualTo(id);
    }

    @Test
    void aDeadWebhookIsGivenUpAfterThreeRetriesWithoutBlockingTheApi() throws Exception {
        String conversation = api.newConversation();
        webhook.close();
        String id = api.post(path(conversation, "activities"), "{\"type\":\"message\",\"text\":\"nobody home\"}")
                .messageId();
        assertThat(api.message(conversation, "still served").status()).isEqualTo(200);
        JsonNode entry = awaitDelivery(conversation, id);
        assertThat(entry.get("delivery").get("status").asText()).isEqualTo("failed");
        assertThat(entry.get("delivery").get("attempts").asInt()).isEqualTo(4);
        assertThat(entry.get("delivery").get("lastError").asText()).isNotBlank();
    }

    @Test
    void representativeMessageNeedsTextOrAttachments() {
        Reply reply = api.post(path(api.newConversation(), "activities"), "{\"type\":\"message\"}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo(30016);
        Reply tooLong = api.post(path(api.newConversation(), "activities"),
                "{\"type\":\"message\",\"text\":\"" + "x".repeat(6001) + "\"}");
        assertThat(tooLong.errorCode()).isEqualTo(30011);
        assertThat(api.post(path(api.newConversation(), "activities"), "{\"type\":\"event\"}").errorCode())
                .isEqualTo(30012);
    }

    @Test
    void contextChangesAreSeenByTheConsumerApi() {
        String conversation = api.create("{\"conversationcontext\":{\"a\":{\"value\":\"1\"}}}")
                .json().get("conversationId").asText();
        Reply changed = api.post(path(conversation, "context"),
                "{\"context\":{\"a\":{\"value\":\"2\"},\"b\":{\"value\":true,\"isDisplayable\":true}}}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(api.get("/api/v1.0/consumer/conversation/" + conversation + "/context").json().get("context")
                .toString()).isEqualTo("[{\"name\":\"a\",\"value\":\"2\"},{\"name\":\"b\",\"value\":true}]");
    }

    @Test
    void contextCannotGrowBeyond100Variables() {
        String conversation = api.newConversation();
        assertThat(api.post(path(conversation, "context"), sixtyVariables("a")).status()).isEqualTo(200);
        Reply more = api.post(path(conversation, "context"), sixtyVariables("b"));
        assertThat(more.status()).isEqualTo(400);
        assertThat(more.errorCode()).isEqualTo(30010);
    }

    private static String sixtyVariables(String prefix) {
        StringBuilder body = new StringBuilder("{\"context\":{");
        for (int i = 0; i < 60; i++) {
            body.append(i == 0 ? "" : ",").append('"').append(prefix).append(i).append("\":{\"value\":\"x\"}");
        }
        return body.append("}}").toString();
    }

    @Test
    void registeredChannelWorksAndItsWebhookReceivesItsConversations() throws Exception {
        String channel = "5eed5eed-0000-4000-8000-000000000005";
        Reply registered = api.put("/emulator/channels/" + channel, "{\"organizationId\":\""
                + ServerSettings.DEV_ORGANIZATION_ID + "\",\"token\":\"second-token\",\"webhookUrl\":\""
                + webhook.baseUrl() + "\"}");
        assertThat(registered.status()).as(registered.body()).isEqualTo(200);
        assertThat(registered.body()).doesNotContain("second-token");
        ApiCalls second = server.dev().withHeader("channel-id", channel).withHeader("Authorization", "Bearer second-token");
        String conversation = second.newConversation();
        second.post(path(conversation, "activities"), "{\"type\":\"typing\"}");
        Received typing = webhook.take(1).get(0);
        assertThat(typing.activity().get("type").asText()).isEqualTo("typing");
        assertThat(typing.activity().get("channelId").asText()).isEqualTo(channel);
        assertThat(typing.authorization()).isEqualTo("Bearer second-token");
    }

    @Test
    void aChannelOfAnotherOrganizationCannotBeRegistered() {
        Reply reply = api.put("/emulator/channels/5eed5eed-0000-4000-8000-000000000006",
                "{\"organizationId\":\"" + TestServer.OTHER.organizationId() + "\",\"token\":\"t\"}");
        assertThat(reply.status()).isEqualTo(401);
    }

    @Test
    void resetForgetsEveryConversationAndRuntimeChannel() {
        String conversation = api.newConversation();
        String channel = "5eed5eed-0000-4000-8000-000000000007";
        api.put("/emulator/channels/" + channel, "{\"organizationId\":\"" + ServerSettings.DEV_ORGANIZATION_ID
                + "\",\"token\":\"third-token\"}");
        assertThat(api.delete("/emulator/state").status()).isEqualTo(204);
        assertThat(api.message(conversation, "hi").errorCode()).isEqualTo(30013);
        assertThat(server.dev().withHeader("channel-id", channel).withHeader("Authorization", "Bearer third-token")
                .create("{}").status()).isEqualTo(401);
        assertThat(api.create("{}").status()).isEqualTo(200);
    }

    @Test
    void emulatorNeedsTheChannelsToken() {
        Reply reply = api.withHeader("Authorization", "Bearer wrong").post(path(api.newConversation(), "accept"), null);
        assertThat(reply.status()).isEqualTo(401);
    }
}
