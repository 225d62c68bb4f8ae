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
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CreateConversationTest {
    private static final String GUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static TestServer server;
    private final ApiCalls api = server.dev();

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String unique() {
        return UUID.randomUUID().toString();
    }

    @Test
    void createsNewConversationWithoutMessageIdWhenThereIsNoStartMessage() {
        Reply reply = api.create("{}");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("conversationId").asText()).matches(GUID);
        assertThat(reply.json().get("isNew").asBoolean()).isTrue();
        assertThat(reply.json().has("messageId")).isFalse();
        assertThat(reply.correlationId()).isNotBlank();
    }

    @Test
    void acceptsTheDocumentedSample() {
        Reply reply = api.create("""
                {"customercontext":{"customerid":"%s","firstname":"John","lastname":"Doe","preferredname":"Johnny",
                  "email":"john.doe@contoso.com","phonenumber":"+1 555 0100"},
                 "conversationcontext":{"var1":{"isDisplayable":true,"value":"some value"},"var2":{"isDisplayable":false,"value":42}},
                 "conversationrequestid":"%s","startmessage":{"message":"Hello","displayname":"John"},"skipdeflectionbot":true}"""
                .formatted(unique(), unique()));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.messageId()).matches("\\d{13}");
    }

    @Test
    void storesStartMessageAsTheFirstMessage() {
        Reply reply = api.create("{\"startmessage\":{\"message\":\"Hello there\",\"displayname\":\"John\"}}");
        String id = reply.json().get("conversationId").asText();
        List<StoredActivity> stored = server.store.activities(TestServer.DEV.channelId(), id);
        assertThat(stored).hasSize(1);
        assertThat(Long.toString(stored.get(0).messageId())).isEqualTo(reply.messageId());
        assertThat(stored.get(0).json()).contains("Hello there").contains("John");
        String next = api.message(id, "second").messageId();
        assertThat(Long.parseLong(next)).isGreaterThan(Long.parseLong(reply.messageId()));
    }

    @Test
    void returnsTheActiveConversationOfTheSameCustomerWithoutDeliveringTheStartMessage() {
        String customer = unique();
        Reply first = api.create("{\"customercontext\":{\"customerid\":\"" + customer + "\"}}");
        Reply second = api.create("{\"customercontext\":{\"customerid\":\"" + customer
                + "\"},\"startmessage\":{\"message\":\"again\"}}");
        assertThat(second.json().get("conversationId").asText()).isEqualTo(first.json().get("conversationId").asText());
        assertThat(second.json().get("isNew").asBoolean()).isFalse();
        assertThat(second.json().has("messageId")).isFalse();
        assertThat(server.store.activities(TestServer.DEV.channelId(), second.json().get("conversationId").asText()))
                .isEmpty();
    }

    @Test
    void startsANewConversationWhenTheCustomersConversationIsClosed() {
        String customer = unique();
        String first = api.create("{\"customercontext\":{\"customerid\":\"" + customer + "\"}}")
                .json().get("conversationId").asText();
        api.send(first, "{\"type\":\"endOfConversation\"}");
        Reply second = api.create("{\"customercontext\":{\"customerid\":\"" + customer + "\"}}");
        assertThat(second.json().get("conversationId").asText()).isNotEqualTo(first);
        assertThat(second.json().get("isNew").asBoolean()).isTrue();
    }

    @Test
    void theSameCustomerIdInAnotherChannelGetsItsOwnConversation() {
        String body = "{\"customercontext\":{\"customerid\":\"" + unique() + "\"}}";
        String mine = api.create(body).json().get("conversationId").asText();
        Reply theirs = server.as(TestServer.OTHER).create(body);
        assertThat(theirs.json().get("isNew").asBoolean()).isTrue();
        assertThat(theirs.json().get("conversationId").asText()).isNotEqualTo(mine);
    }

    @Test
    void repeatedConversationRequestIdReturnsTheFirstResponse() {
        String body = "{\"conversationrequestid\":\"" + unique() + "\",\"startmessage\":{\"message\":\"hi\"}}";
        Reply first = api.create(body);
        Reply second = api.create(body);
        assertThat(second.json()).isEqualTo(first.json());
        assertThat(server.store.activities(TestServer.DEV.channelId(), first.json().get("conversationId").asText()))
                .hasSize(1);
    }

    @Test
    void concurrentCreatesForOneCustomerYieldOneConversation() throws Exception {
        String body = "{\"customercontext\":{\"customerid\":\"" + unique() + "\"}}";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Set<String> ids = ConcurrentHashMap.newKeySet();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                done.add(pool.submit(() -> ids.add(api.create(body).json().get("conversationId").asText())));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(ids).hasSize(1);
    }

    private static String context(int variables) {
        return IntStream.range(0, variables)
                .mapToObj(i -> "\"v" + i + "\":{\"isDisplayable\":true,\"value\":\"x\"}")
                .collect(Collectors.joining(",", "{\"conversationcontext\":{", "}}"));
    }

    @Test
    void rejectsMoreThan100ContextVariables() {
        Reply reply = api.create(context(101));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.errorCode()).isEqualTo(30010);
    }

    @Test
    void accepts100ContextVariables() {
        assertThat(api.create(context(100)).status()).isEqualTo(200);
    }

    @Test
    void rejectsCustomerContextStringsLongerThan200Characters() {
        Reply reply = api.create("{\"customercontext\":{\"firstname\":\"" + "f".repeat(201) + "\"}}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo(30012);
        assertThat(reply.json().get("detail").asText()).contains("customercontext.firstname");
    }

    @Test
    void rejectsContextValuesThatAreNotStringNumberOrBoolean() {
        Reply reply = api.create("{\"conversationcontext\":{\"v\":{\"value\":{\"nested\":true}}}}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo(30012);
    }

    @Test
    void rejectsMissingOrMalformedBody() {
        assertThat(api.create(null).errorCode()).isEqualTo(30012);
        assertThat(api.create("{\"customercontext\":").errorCode()).isEqualTo(30012);
        assertThat(api.create("{\"skipdeflectionbot\":\"yes\"}").errorCode()).isEqualTo(30012);
        assertThat(api.create("{\"startmessage\":{}}").errorCode()).isEqualTo(30012);
    }
}
