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
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
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
    void registeredChannelWorksAndItsWebhookReceivesItsConversationsWithAWebhookTokenOfItsOwn() throws Exception {
        String channel = "5eed5eed-0000-4000-8000-000000000005";
        Reply registered = api.put("/emulator/channels/" + channel, "{\"organizationId\":\""
                + ServerSettings.DEV_ORGANIZATION_ID + "\",\"token\":\"second-token\",\"webhookUrl\":\""
                + webhook.baseUrl() + "\"}");
        assertThat(registered.status()).as(registered.body()).isEqualTo(200);
        assertThat(registered.body()).doesNotContain("second-token");
        String webhookToken = registered.json().get("webhookToken").asText();
        assertThat(webhookToken).as("generated, told once").hasSizeGreaterThanOrEqualTo(32);
        ApiCalls second = server.dev().withHeader("channel-id", channel).withHeader("Authorization", "Bearer second-token");
        String conversation = second.newConversation();
        second.post(path(conversation, "activities"), "{\"type\":\"typing\"}");
        second.post(path(conversation, "accept"), null);
        List<Received> received = webhook.take(3);
        assertThat(received.get(0).activity().get("type").asText()).isEqualTo("typing");
        assertThat(received.get(0).activity().get("channelId").asText()).isEqualTo(channel);
        assertThat(received).extracting(Received::authorization).containsOnly("Bearer " + webhookToken);
        assertThat(received).allSatisfy(r -> assertThat(r.toString()).doesNotContain("second-token"));
    }

    @Test
    void aGivenWebhookTokenIsUsedAndNotEchoed() throws Exception {
        String channel = "5eed5eed-0000-4000-8000-000000000008";
        Reply registered = api.put("/emulator/channels/" + channel, "{\"organizationId\":\""
                + ServerSettings.DEV_ORGANIZATION_ID + "\",\"token\":\"fourth-token\",\"webhookUrl\":\""
                + webhook.baseUrl() + "\",\"webhookToken\":\"fourth-webhook-secret\"}");
        assertThat(registered.status()).as(registered.body()).isEqualTo(200);
        assertThat(registered.body()).doesNotContain("fourth-webhook-secret").doesNotContain("webhookToken");
        ApiCalls fourth = server.dev().withHeader("channel-id", channel)
                .withHeader("Authorization", "Bearer fourth-token");
        fourth.post(path(fourth.newConversation(), "activities"), "{\"type\":\"typing\"}");
        assertThat(webhook.take(1).get(0).authorization()).isEqualTo("Bearer fourth-webhook-secret");
    }

    @Test
    void aWebhookTokenEqualToTheChannelsTokenIsRefused() {
        Reply refused = api.put("/emulator/channels/5eed5eed-0000-4000-8000-000000000009", "{\"organizationId\":\""
                + ServerSettings.DEV_ORGANIZATION_ID + "\",\"token\":\"same\",\"webhookUrl\":\""
                + webhook.baseUrl() + "\",\"webhookToken\":\"same\"}");

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo(30012);
        assertThat(refused.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aChannelOfAnotherOrganizationCannotBeRegistered() {
        Reply reply = api.put("/emulator/channels/5eed5eed-0000-4000-8000-000000000006",
                "{\"organizationId\":\"" + TestServer.OTHER.organizationId() + "\",\"token\":\"t\"}");
        assertThat(reply.status()).isEqualTo(401);
    }

    /** A reset is scoped to the caller's channel: any registered channel may call it, and must reach no other. */
    @Nested
    class Reset {
        private static final String THIRD = "5eed5eed-0000-4000-8000-000000000007";
        /** Accepts connections and never answers: the third channel's deliveries stay pending. */
        private ServerSocket silentWebhook;
        private ApiCalls third;

        @BeforeEach
        void registerAThirdChannelWhoseWebhookNeverAnswers() throws IOException {
            silentWebhook = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Reply registered = api.put("/emulator/channels/" + THIRD, "{\"organizationId\":\""
                    + ServerSettings.DEV_ORGANIZATION_ID + "\",\"token\":\"third-token\",\"webhookUrl\":"
                    + "\"http://127.0.0.1:" + silentWebhook.getLocalPort() + "/hook\"}");
            assertThat(registered.status()).as(registered.body()).isEqualTo(200);
            third = server.dev().withHeader("channel-id", THIRD).withHeader("Authorization", "Bearer third-token");
        }

        @AfterEach
        void closeTheSilentWebhook() throws IOException {
            silentWebhook.close();
        }

        @Test
        void forgetsTheCallersConversationsAndLeavesAnotherChannelsConversationsTranscriptsAndPendingDeliveries() {
            String mine = api.newConversation();
            api.post(path(mine, "activities"), "{\"type\":\"message\",\"text\":\"to dev\"}");
            String theirs = third.newConversation();
            assertThat(third.message(theirs, "from the customer").status()).isEqualTo(200);
            assertThat(third.post(path(theirs, "activities"), "{\"type\":\"message\",\"text\":\"pending\"}")
                    .status()).isEqualTo(200);
            List<String> theirActivities = activitiesOf(third.transcript(theirs));

            assertThat(api.delete("/emulator/state").status()).isEqualTo(204);

            assertThat(api.message(mine, "hi").errorCode()).isEqualTo(30013);
            assertThat(api.get(path(mine, "transcript")).status()).isEqualTo(404);
            JsonNode after = third.transcript(theirs);
            assertThat(activitiesOf(after)).hasSize(2).isEqualTo(theirActivities);
            assertThat(after.get(1).get("delivery").get("status").asText()).as("still pending").isEqualTo("pending");
            assertThat(third.get("/api/v1.0/consumer/conversations").body()).contains(theirs);
            assertThat(third.message(theirs, "still here").status()).isEqualTo(200);
        }

        /** Each entry's messageId and activity (its delivery's attempts move on their own). */
        private List<String> activitiesOf(JsonNode transcript) {
            List<String> activities = new ArrayList<>();
            transcript.forEach(entry -> activities.add(entry.get("messageId").asText() + " " + entry.get("activity")));
            return activities;
        }

        @Test
        void byARegisteredChannelLeavesTheDevelopmentChannelsConversationsAndTranscripts() {
            String devs = api.newConversation();
            assertThat(api.message(devs, "hello").status()).isEqualTo(200);
            JsonNode devTranscript = api.transcript(devs);

            assertThat(third.delete("/emulator/state").status()).isEqualTo(204);

            assertThat(api.transcript(devs)).isEqualTo(devTranscript);
            assertThat(api.message(devs, "still here").status()).isEqualTo(200);
        }

        @Test
        void keepsTheCallersRegistrationAndForgetsItsIdempotencyRecords() {
            String first = third.create("{\"conversationrequestid\":\"request-1\"}").json().get("conversationId")
                    .asText();

            assertThat(third.delete("/emulator/state").status()).isEqualTo(204);

            Reply again = third.create("{\"conversationrequestid\":\"request-1\"}");
            assertThat(again.status()).as("still registered").isEqualTo(200);
            assertThat(again.json().get("conversationId").asText()).as("the request id is forgotten")
                    .isNotEqualTo(first);
        }
    }

    @Test
    void emulatorNeedsTheChannelsToken() {
        Reply reply = api.withHeader("Authorization", "Bearer wrong").post(path(api.newConversation(), "accept"), null);
        assertThat(reply.status()).isEqualTo(401);
    }
}
