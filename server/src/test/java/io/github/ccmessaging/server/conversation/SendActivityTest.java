package io.github.ccmessaging.server.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ccmessaging.server.ApiCalls;
import io.github.ccmessaging.server.ApiCalls.Reply;
import io.github.ccmessaging.server.TestServer;
import io.github.ccmessaging.server.store.StoredActivity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SendActivityTest {
    private static final String THIRTEEN_DIGITS = "\\d{13}";
    private static TestServer server;
    private ApiCalls api;
    private String conversation;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void newConversation() {
        api = server.dev();
        conversation = api.newConversation();
    }

    private Reply send(String json) {
        return api.send(conversation, json.replace("$CONV", conversation));
    }

    private static void assertProblem(Reply reply, int status, int errorCode) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().path("status").asInt()).isEqualTo(status);
        assertThat(reply.json().path("title").asText()).isNotBlank();
        assertThat(reply.errorCode()).isEqualTo(errorCode);
        assertThat(reply.correlationId()).isNotBlank().isEqualTo(reply.json().path("correlationId").asText());
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void acceptsTextMessageAndReturnsThirteenDigitMessageId() {
        Reply reply = send("""
                {"type":"message","id":"m1","channelId":"c0ffee00-0000-4000-8000-000000000001",
                 "from":{"id":"customer-1","name":"John"},"conversation":{"id":"$CONV"},"text":"Hello"}""");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.messageId()).matches(THIRTEEN_DIGITS);
        assertThat(reply.json().has("message")).isTrue();
        assertThat(reply.json().get("message").isNull()).isTrue();
    }

    @Test
    void acceptsMessageWithOnlyAnAttachment() {
        Reply reply = send("""
                {"type":"message","attachments":[{"contentType":"image/png","contentUrl":"https://x.example/a.png","name":"a.png"}]}""");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.messageId()).matches(THIRTEEN_DIGITS);
    }

    @Test
    void acceptsAutomatedMessageTypingAndCustomEvent() {
        assertThat(send("""
                {"type":"message","text":"shipped","channelData":{"messagingapi-oc":{"type":"AutomatedMessage"}}}""")
                .messageId()).matches(THIRTEEN_DIGITS);
        assertThat(send("{\"type\":\"typing\",\"from\":{\"name\":\"John\"}}").messageId()).matches(THIRTEEN_DIGITS);
        assertThat(send("""
                {"type":"event","name":"TestEvent","channelData":{"customEvent":true,"customEventName":"TestEvent",
                 "customEventValue":"{\\"stringVar\\":\\"x\\",\\"numberVar\\":-10.5,\\"boolVar\\":true}"}}""")
                .messageId()).matches(THIRTEEN_DIGITS);
    }

    @Test
    void readEventIsAnsweredWithEmptyMessageIdAndNullMessage() {
        String agentMessage = api.post("/emulator/conversations/" + conversation + "/activities",
                "{\"type\":\"message\",\"text\":\"from the agent\"}").messageId();
        Reply reply = send("{\"type\":\"event\",\"name\":\"MessageRead\",\"value\":{\"messageId\":\""
                + agentMessage + "\"}}");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.messageId()).isEmpty();
        assertThat(reply.json().get("message").isNull()).isTrue();
    }

    @Test
    void acceptsUnknownPropertiesAsBotFrameworkRequires() {
        Reply reply = send("""
                {"type":"message","text":"hi","locale":"en-US","entities":[{"type":"x"}],"somethingNew":{"a":1}}""");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    @Test
    void endOfConversationClosesTheConversation() {
        assertThat(send("{\"type\":\"endOfConversation\",\"conversation\":{\"id\":\"$CONV\"}}").status()).isEqualTo(200);
        assertProblem(send("{\"type\":\"message\",\"text\":\"still there?\"}"), 404, 30013);
        assertProblem(send("{\"type\":\"typing\"}"), 404, 30013);
    }

    @Test
    void unknownConversationIsNotFound() {
        assertProblem(api.message(UUID.randomUUID().toString(), "hi"), 404, 30013);
    }

    @Test
    void conversationOfAnotherChannelIsNotFound() {
        String others = server.as(TestServer.OTHER).newConversation();
        assertProblem(api.message(others, "hi"), 404, 30013);
        assertThat(server.store.activities(TestServer.OTHER.channelId(), others)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-guid", "12345", "9a1c3c0e-52f7-4b5e-9c6a-3f2d1e0b8a7"})
    void malformedConversationIdIsRejected(String id) {
        assertProblem(api.message(id, "hi"), 400, 30005);
    }

    @Test
    void upperCaseConversationIdFindsTheConversation() {
        assertThat(api.message(conversation.toUpperCase(), "hi").status()).isEqualTo(200);
    }

    @Test
    void rejectsChannelIdThatDiffersFromTheHeader() {
        assertProblem(send("{\"type\":\"message\",\"text\":\"hi\",\"channelId\":\"" + TestServer.OTHER.channelId() + "\"}"),
                400, 30002);
    }

    @Test
    void rejectsConversationIdInBodyThatDiffersFromThePath() {
        assertProblem(send("{\"type\":\"message\",\"text\":\"hi\",\"conversation\":{\"id\":\"" + UUID.randomUUID() + "\"}}"),
                400, 30005);
    }

    @Test
    void rejectsTextLongerThan6000Characters() {
        assertProblem(api.message(conversation, "x".repeat(6001)), 400, 30011);
        assertThat(server.store.activities(TestServer.DEV.channelId(), conversation)).isEmpty();
    }

    @Test
    void acceptsTextOfExactly6000Characters() {
        assertThat(api.message(conversation, "x".repeat(6000)).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"message\"}",
        "{\"type\":\"message\",\"text\":\"\"}",
        "{\"type\":\"message\",\"text\":\"   \"}",
        "{\"type\":\"message\",\"attachments\":[]}"})
    void rejectsMessageWithoutTextOrAttachments(String body) {
        assertProblem(send(body), 400, 30016);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"event\",\"name\":\"SomethingElse\"}",
        "{\"type\":\"event\",\"name\":\"TestEvent\",\"channelData\":{\"customEvent\":false}}",
        "{\"type\":\"event\",\"name\":\"TestEvent\",\"channelData\":{\"customEventName\":\"TestEvent\"}}",
        "{\"type\":\"event\",\"name\":\"MessageRead\"}",
        "{\"type\":\"event\",\"name\":\"MessageRead\",\"value\":{}}"})
    void rejectsUnsupportedEvent(String body) {
        assertProblem(send(body), 400, 30003);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"message\",\"text\":\"hi\"",
        "not json at all",
        "[]",
        "{\"type\":\"bogus\",\"text\":\"hi\"}",
        "{\"text\":\"no type\"}",
        "{\"type\":\"message\",\"text\":42}",
        "{\"type\":\"message\",\"text\":\"a\",\"text\":\"b\"}",
        "{\"type\":\"message\",\"text\":\"hi\"} trailing",
        "{\"type\":\"message\",\"text\":\"hi\",\"from\":\"John\"}",
        "{\"type\":\"event\",\"name\":\"MessageRead\",\"value\":{\"messageId\":\"12\"}}",
        "{\"type\":\"event\",\"name\":\"TestEvent\",\"channelData\":{\"customEvent\":true,\"customEventValue\":\"{not json\"}}",
        "{\"type\":\"event\"}",
        "{\"type\":\"typing\",\"conversation\":{}}"})
    void rejectsMalformedActivityWith30012(String body) {
        assertProblem(send(body), 400, 30012);
        assertThat(server.store.activities(TestServer.DEV.channelId(), conversation)).isEmpty();
    }

    @Test
    void rejectsMissingBody() {
        assertProblem(api.send(conversation, null), 400, 30012);
    }

    @Test
    void rejectsFieldsLongerThan256Characters() {
        assertProblem(send("{\"type\":\"message\",\"text\":\"hi\",\"from\":{\"name\":\"" + "n".repeat(257) + "\"}}"), 400, 30012);
        assertProblem(send("{\"type\":\"message\",\"attachments\":[{\"contentType\":\"" + "t".repeat(257) + "\"}]}"), 400, 30012);
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "application/", "json", "a/b/c", "application/json; x", ";"})
    void rejectsAContentTypeThatIsNoMediaTypeWithProblemDetails(String contentType) {
        assertProblem(api.withHeader("Content-Type", contentType).message(conversation, "hi"), 400, 30012);
    }

    @Test
    void rejectsBodyThatIsNotJson() {
        assertProblem(api.withHeader("Content-Type", "text/plain").send(conversation, "hello"), 400, 30012);
    }

    @Test
    void retriedActivityIdReturnsFirstMessageIdAndIsStoredOnce() {
        String body = "{\"type\":\"message\",\"id\":\"retry-1\",\"text\":\"once\"}";
        String first = send(body).messageId();
        String second = send(body).messageId();
        assertThat(second).isEqualTo(first).matches(THIRTEEN_DIGITS);
        assertThat(server.store.activities(TestServer.DEV.channelId(), conversation)).hasSize(1);
    }

    @Test
    void retriedEndOfConversationStillSucceedsAfterClosing() {
        String body = "{\"type\":\"endOfConversation\",\"id\":\"bye-1\"}";
        String first = send(body).messageId();
        assertThat(send(body).messageId()).isEqualTo(first);
    }

    @Test
    void messageIdsStrictlyIncreaseUnderConcurrentSends() throws Exception {
        int threads = 8;
        int perThread = 40;
        Set<String> ids = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        Reply reply = api.message(conversation, "t" + thread + "-" + i);
                        assertThat(reply.status()).isEqualTo(200);
                        ids.add(reply.messageId());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(ids).hasSize(threads * perThread).allMatch(id -> id.matches(THIRTEEN_DIGITS));
        List<StoredActivity> stored = server.store.activities(TestServer.DEV.channelId(), conversation);
        assertThat(stored).hasSize(threads * perThread);
        for (int i = 1; i < stored.size(); i++) {
            assertThat(stored.get(i).messageId()).isGreaterThan(stored.get(i - 1).messageId());
        }
    }
}
