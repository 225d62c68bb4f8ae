package io.github.ccmessaging.server.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ccmessaging.server.ApiCalls;
import io.github.ccmessaging.server.ApiCalls.Reply;
import io.github.ccmessaging.server.TestServer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConversationReadEndpointsTest {
    private static final String LIST = "/api/v1.0/consumer/conversations";
    private TestServer server;
    private ApiCalls api;

    @BeforeEach
    void start() {
        server = new TestServer();
        api = server.dev();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static void assertProblem(Reply reply, int status, int code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.errorCode()).isEqualTo(code);
    }

    private List<String> allPages(int pageSize, Runnable betweenPages) {
        List<String> seen = new ArrayList<>();
        String token = null;
        for (int page = 0; page < 100; page++) {
            Reply reply = api.get(LIST + "?PageSize=" + pageSize + (token == null ? "" : "&ContinuationToken=" + token));
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            reply.json().get("conversations").forEach(c -> seen.add(c.get("conversationid").asText()));
            assertThat(reply.json().get("conversations").size()).isLessThanOrEqualTo(pageSize);
            if (!reply.json().has("continuationtoken")) {
                return seen;
            }
            token = reply.json().get("continuationtoken").asText();
            betweenPages.run();
        }
        throw new AssertionError("paging did not end");
    }

    @Test
    void listsActiveConversationsOfTheChannelWithDocumentedKeys() {
        String open = api.newConversation();
        String closed = api.newConversation();
        api.send(closed, "{\"type\":\"endOfConversation\"}");
        server.as(TestServer.OTHER).newConversation();

        Reply reply = api.get(LIST);
        assertThat(reply.status()).isEqualTo(200);
        JsonNode conversations = reply.json().get("conversations");
        assertThat(conversations).hasSize(1);
        assertThat(conversations.get(0).get("conversationid").asText()).isEqualTo(open);
        assertThat(conversations.get(0).get("timestamp").asText())
                .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{7}Z");
        assertThat(reply.json().has("continuationtoken")).isFalse();
    }

    @Test
    void emptyListWhenThereAreNoConversations() {
        assertThat(api.get(LIST).json().get("conversations")).isEmpty();
    }

    @Test
    void pagingNeverSkipsOrRepeatsAConversationWhileNewOnesAreCreated() {
        Set<String> created = new LinkedHashSet<>();
        for (int i = 0; i < 7; i++) {
            created.add(api.newConversation());
        }
        List<String> seen = allPages(3, () -> created.add(api.newConversation()));
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen).containsExactlyElementsOf(created);
    }

    @Test
    void startTimeStampKeepsConversationsCreatedAfterIt() throws Exception {
        api.newConversation();
        Thread.sleep(5);
        String after = java.time.Instant.now().toString();
        Thread.sleep(5);
        String newer = api.newConversation();
        Reply reply = api.get(LIST + "?StartTimeStamp=" + after);
        assertThat(reply.json().get("conversations")).hasSize(1);
        assertThat(reply.json().get("conversations").get(0).get("conversationid").asText()).isEqualTo(newer);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "251", "-1", "abc", "1.5"})
    void rejectsConversationsPageSizeOutside1To250(String size) {
        assertProblem(api.get(LIST + "?PageSize=" + size), 400, 30007);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-guid", "9a1c3c0e-52f7-4b5e-9c6a-3f2d1e0b8a77"})
    void rejectsAContinuationTokenTheServerDidNotIssue(String token) {
        api.newConversation();
        assertProblem(api.get(LIST + "?ContinuationToken=" + token), 400, 30009);
    }

    @Test
    void rejectsAContinuationTokenOfAnotherChannel() {
        String theirs = server.as(TestServer.OTHER).newConversation();
        assertProblem(api.get(LIST + "?ContinuationToken=" + theirs), 400, 30009);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2025-13-45T00:00:00Z", "2025-04-15"})
    void rejectsAMalformedStartTimeStamp(String value) {
        assertProblem(api.get(LIST + "?StartTimeStamp=" + value), 400, 30006);
    }

    private String messages(String conversation) {
        return "/api/v1.0/consumer/conversation/" + conversation + "/messages";
    }

    @Test
    void listsMessagesInMessageIdOrderWithoutTypingOrEvents() {
        String conversation = api.create("{\"startmessage\":{\"message\":\"first\",\"displayname\":\"John\"}}")
                .json().get("conversationId").asText();
        api.message(conversation, "second");
        api.send(conversation, "{\"type\":\"typing\"}");
        api.send(conversation, "{\"type\":\"event\",\"name\":\"E\",\"channelData\":{\"customEvent\":true}}");
        api.post("/emulator/conversations/" + conversation + "/activities",
                "{\"type\":\"message\",\"text\":\"from the agent\",\"from\":{\"id\":\"agent-1\",\"name\":\"Alex\"}}");

        Reply reply = api.get(messages(conversation));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode list = reply.json().get("messages");
        assertThat(list).hasSize(3);
        assertThat(list.get(0).get("text").asText()).isEqualTo("first");
        assertThat(list.get(0).get("from").get("role").asText()).isEqualTo("user");
        assertThat(list.get(2).get("text").asText()).isEqualTo("from the agent");
        assertThat(list.get(2).get("from").get("role").asText()).isEqualTo("agent");
        assertThat(list.get(2).get("textFormat").asText()).isEqualTo("markdown");
        long previous = 0;
        for (JsonNode m : list) {
            assertThat(m.get("messageId").asText()).matches("\\d{13}");
            assertThat(m.get("messageId").asLong()).isGreaterThan(previous);
            previous = m.get("messageId").asLong();
        }
        assertThat(reply.json().has("continuationToken")).isFalse();
    }

    @Test
    void messagePagesFollowTheContinuationToken() {
        String conversation = api.newConversation();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(api.message(conversation, "m" + i).messageId());
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        for (int page = 0; page < 10; page++) {
            Reply reply = api.get(messages(conversation) + "?PageSize=2"
                    + (token == null ? "" : "&ContinuationToken=" + java.net.URLEncoder.encode(token,
                    java.nio.charset.StandardCharsets.UTF_8)));
            reply.json().get("messages").forEach(m -> seen.add(m.get("messageId").asText()));
            if (!reply.json().has("continuationToken")) {
                break;
            }
            token = reply.json().get("continuationToken").asText();
        }
        assertThat(seen).containsExactlyElementsOf(sent);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "x"})
    void rejectsMessagesPageSizeOutside1To100(String size) {
        assertProblem(api.get(messages(api.newConversation()) + "?PageSize=" + size), 400, 30008);
    }

    @Test
    void rejectsAMalformedMessagesContinuationToken() {
        assertProblem(api.get(messages(api.newConversation()) + "?ContinuationToken=tomorrow"), 400, 30009);
    }

    @Test
    void contextHoldsTheVariablesGivenAtCreate() {
        String conversation = api.create("""
                {"conversationcontext":{"orderNumber":{"isDisplayable":true,"value":"A-1001"},"vip":{"value":true},
                 "score":{"value":4.5}}}""").json().get("conversationId").asText();
        Reply reply = api.get("/api/v1.0/consumer/conversation/" + conversation + "/context");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("context").toString())
                .isEqualTo("[{\"name\":\"orderNumber\",\"value\":\"A-1001\"},{\"name\":\"vip\",\"value\":true},"
                        + "{\"name\":\"score\",\"value\":4.5}]");
    }

    @Test
    void contextIsEmptyWithoutVariables() {
        assertThat(api.get("/api/v1.0/consumer/conversation/" + api.newConversation() + "/context")
                .json().get("context")).isEmpty();
    }

    @Test
    void anotherChannelNeverSeesTheConversation() {
        String conversation = api.create("{\"conversationcontext\":{\"secret\":{\"value\":\"x\"}}}")
                .json().get("conversationId").asText();
        api.message(conversation, "private");
        ApiCalls other = server.as(TestServer.OTHER);
        assertProblem(other.get(messages(conversation)), 404, 30013);
        assertProblem(other.get("/api/v1.0/consumer/conversation/" + conversation + "/context"), 404, 30013);
        assertThat(other.get(LIST).json().get("conversations")).isEmpty();
        assertProblem(other.get("/emulator/conversations/" + conversation + "/transcript"), 404, 30013);
        assertProblem(other.post("/emulator/conversations/" + conversation + "/accept", null), 404, 30013);
    }

    @Test
    void unknownOrClosedConversationIsNotFound() {
        assertProblem(api.get(messages(UUID.randomUUID().toString())), 404, 30013);
        String closed = api.newConversation();
        api.send(closed, "{\"type\":\"endOfConversation\"}");
        assertProblem(api.get(messages(closed)), 404, 30013);
        assertProblem(api.get("/api/v1.0/consumer/conversation/" + closed + "/context"), 404, 30013);
        assertProblem(api.get(messages("not-a-guid")), 400, 30005);
    }
}
