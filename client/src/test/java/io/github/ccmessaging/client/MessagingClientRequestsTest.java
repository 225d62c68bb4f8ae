package io.github.ccmessaging.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ccmessaging.client.FakeMessagingServer.RecordedRequest;
import io.github.ccmessaging.client.model.Activity;
import io.github.ccmessaging.client.model.Attachment;
import io.github.ccmessaging.client.model.ChannelAccount;
import io.github.ccmessaging.client.model.ContextVariable;
import io.github.ccmessaging.client.model.ConversationAccount;
import io.github.ccmessaging.client.model.CreateConversationRequest;
import io.github.ccmessaging.client.model.CreateConversationResponse;
import io.github.ccmessaging.client.model.CustomerContext;
import io.github.ccmessaging.client.model.EndOfConversationActivity;
import io.github.ccmessaging.client.model.EventActivity;
import io.github.ccmessaging.client.model.MessageActivity;
import io.github.ccmessaging.client.model.TypingActivity;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MessagingClientRequestsTest {

    static final String CHANNEL = "c0ffee00-0000-4000-8000-000000000001";
    static final String ORGANIZATION = "c0ffee00-0000-4000-8000-000000000002";
    static final String TOKEN = "emulator-dev-token";
    static final String CONVERSATION = "9a1c3c0e-52f7-4b5e-9c6a-3f2d1e0b8a77";
    static final String SEND_PATH = "/api/v1.0/consumer/conversation/" + CONVERSATION;

    private final ObjectMapper json = new ObjectMapper();
    private FakeMessagingServer server;
    private MessagingClient client;

    @BeforeEach
    void startServer() {
        server = FakeMessagingServer.start();
        client = server.clientForDevChannel()
                .token(TOKEN)
                .build();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void sendsBearerTokenChannelIdAndOrganizationIdHeaders() {
        client.sendMessage(CONVERSATION, "Hello");

        RecordedRequest request = server.lastRequest();
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.header("channel-id")).isEqualTo(CHANNEL);
        assertThat(request.header("organization-id")).isEqualTo(ORGANIZATION);
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void createConversationSendsTheSameHeaders() {
        client.createConversation();

        RecordedRequest request = server.lastRequest();
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.header("channel-id")).isEqualTo(CHANNEL);
        assertThat(request.header("organization-id")).isEqualTo(ORGANIZATION);
    }

    @Test
    void asksTheTokenSupplierForEveryRequest() {
        AtomicInteger calls = new AtomicInteger();
        MessagingClient refreshing = server.clientForDevChannel()
                .tokenSupplier(() -> "token-" + calls.incrementAndGet())
                .build();

        refreshing.sendTyping(CONVERSATION);
        refreshing.sendTyping(CONVERSATION);

        assertThat(server.requests()).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer token-1", "Bearer token-2");
    }

    @Test
    void tokenSupplierReturningNoTokenFailsWithoutSending() {
        MessagingClient broken = server.clientForDevChannel()
                .tokenSupplier(() -> " ")
                .build();

        assertThatThrownBy(() -> broken.sendTyping(CONVERSATION))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("token");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void requestsGoOutAsHttp11WithoutUpgradeHeader() {
        client.sendMessage(CONVERSATION, "Hello");
        client.createConversation();

        assertThat(server.requests()).hasSize(2).allSatisfy(request -> {
            assertThat(request.protocol()).isEqualTo("HTTP/1.1");
            assertThat(request.headers()).doesNotContainKeys("Upgrade", "HTTP2-Settings");
            assertThat(String.valueOf(request.header("Connection"))).doesNotContainIgnoringCase("upgrade");
        });
    }

    @Test
    void customHttpClientBuilderIsPinnedToHttp11Too() {
        MessagingClient custom = server.clientForDevChannel()
                .token(TOKEN)
                .httpClientBuilder(HttpClient.newBuilder().version(HttpClient.Version.HTTP_2))
                .build();

        custom.sendTyping(CONVERSATION);

        assertThat(server.lastRequest().headers()).doesNotContainKeys("Upgrade", "HTTP2-Settings");
    }

    @Test
    void sendMessagePostsMessageActivityAndReturnsMessageId() throws Exception {
        String messageId = client.sendMessage(CONVERSATION, "Hello, I need help with my order");

        assertThat(messageId).isEqualTo("1745323200123");
        RecordedRequest request = server.lastRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(SEND_PATH);
        JsonNode body = request.json();
        assertThat(fieldNames(body)).containsExactlyInAnyOrder("type", "id", "channelId", "conversation", "text");
        assertThat(body.get("type").asText()).isEqualTo("message");
        assertThat(body.get("text").asText()).isEqualTo("Hello, I need help with my order");
        assertThat(body.get("channelId").asText()).isEqualTo(CHANNEL);
        assertThat(body.at("/conversation/id").asText()).isEqualTo(CONVERSATION);
        assertThat(UUID.fromString(body.get("id").asText())).isNotNull();
    }

    @Test
    void sendTypingPostsTypingActivity() {
        client.sendTyping(CONVERSATION);

        RecordedRequest request = server.lastRequest();
        assertThat(request.path()).isEqualTo(SEND_PATH);
        JsonNode body = request.json();
        assertThat(fieldNames(body)).containsExactlyInAnyOrder("type", "id", "channelId", "conversation");
        assertThat(body.get("type").asText()).isEqualTo("typing");
        assertThat(body.get("channelId").asText()).isEqualTo(CHANNEL);
        assertThat(body.at("/conversation/id").asText()).isEqualTo(CONVERSATION);
    }

    @Test
    void endConversationPostsEndOfConversationActivity() {
        client.endConversation(CONVERSATION);

        RecordedRequest request = server.lastRequest();
        assertThat(request.path()).isEqualTo(SEND_PATH);
        JsonNode body = request.json();
        assertThat(fieldNames(body)).containsExactlyInAnyOrder("type", "id", "channelId", "conversation");
        assertThat(body.get("type").asText()).isEqualTo("endOfConversation");
        assertThat(body.get("channelId").asText()).isEqualTo(CHANNEL);
        assertThat(body.at("/conversation/id").asText()).isEqualTo(CONVERSATION);
    }

    @Test
    void markReadPostsMessageReadEventWithMessageId() {
        server.respond(200, "application/json", "{\"messageId\":\"\",\"message\":null}", Map.of());

        client.markRead(CONVERSATION, "1745323200999");

        JsonNode body = server.lastRequest().json();
        assertThat(fieldNames(body))
                .containsExactlyInAnyOrder("type", "id", "channelId", "conversation", "name", "value");
        assertThat(body.get("type").asText()).isEqualTo("event");
        assertThat(body.get("name").asText()).isEqualTo("MessageRead");
        assertThat(fieldNames(body.get("value"))).containsExactly("messageId");
        assertThat(body.at("/value/messageId").asText()).isEqualTo("1745323200999");
        assertThat(body.at("/conversation/id").asText()).isEqualTo(CONVERSATION);
    }

    @Test
    void sendCustomEventEncodesValuesAsJsonString() throws Exception {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("stringVar", "Hello \"quoted\"");
        values.put("numberVar", -10.5);
        values.put("boolVar", true);
        values.put("displayableVar", Map.of("isDisplayable", true, "value", "shown to the representative"));

        client.sendCustomEvent(CONVERSATION, "TestEvent", values);

        JsonNode body = server.lastRequest().json();
        assertThat(body.get("type").asText()).isEqualTo("event");
        assertThat(body.get("name").asText()).isEqualTo("TestEvent");
        JsonNode channelData = body.get("channelData");
        assertThat(channelData.get("customEvent").isBoolean()).isTrue();
        assertThat(channelData.get("customEvent").booleanValue()).isTrue();
        assertThat(channelData.get("customEventName").asText()).isEqualTo("TestEvent");
        JsonNode encoded = channelData.get("customEventValue");
        assertThat(encoded.isTextual()).as("customEventValue is a JSON string, not an object").isTrue();
        Map<String, Object> decoded = json.readValue(encoded.textValue(), new TypeReference<>() { });
        assertThat(decoded).isEqualTo(values);
        assertThat(body.has("value")).isFalse();
    }

    @Test
    void sendActivityFillsInChannelIdConversationIdAndIdWhenAbsent() {
        MessageActivity message = new MessageActivity().text("Hi");

        client.sendActivity(CONVERSATION, message);

        JsonNode body = server.lastRequest().json();
        assertThat(body.get("type").asText()).isEqualTo("message");
        assertThat(body.get("channelId").asText()).isEqualTo(CHANNEL);
        assertThat(body.at("/conversation/id").asText()).isEqualTo(CONVERSATION);
        assertThat(UUID.fromString(body.get("id").asText())).isNotNull();
    }

    @Test
    void sendActivityFillsInConversationIdOfAnEmptyConversationAccount() {
        TypingActivity typing = new TypingActivity().conversation(new ConversationAccount());

        client.sendActivity(CONVERSATION, typing);

        assertThat(server.lastRequest().json().at("/conversation/id").asText()).isEqualTo(CONVERSATION);
    }

    @Test
    void sendActivityKeepsCallerSetChannelIdConversationIdAndId() {
        String otherChannel = "11111111-2222-4333-8444-555555555555";
        String otherConversation = "66666666-7777-4888-9999-000000000000";
        EventActivity event = new EventActivity()
                .type(EventActivity.TypeEnum.EVENT)
                .id("caller-id-1")
                .channelId(otherChannel)
                .conversation(new ConversationAccount().id(otherConversation))
                .name("MessageRead");

        client.sendActivity(CONVERSATION, event);

        RecordedRequest request = server.lastRequest();
        assertThat(request.path()).isEqualTo(SEND_PATH);
        JsonNode body = request.json();
        assertThat(body.get("id").asText()).isEqualTo("caller-id-1");
        assertThat(body.get("channelId").asText()).isEqualTo(otherChannel);
        assertThat(body.at("/conversation/id").asText()).isEqualTo(otherConversation);
    }

    @Test
    void resendingTheSameActivityObjectReusesItsGeneratedId() {
        MessageActivity message = new MessageActivity().text("Hi");

        client.sendActivity(CONVERSATION, message);
        client.sendActivity(CONVERSATION, message);

        List<String> ids = new ArrayList<>();
        server.requests().forEach(r -> ids.add(r.json().get("id").asText()));
        assertThat(ids).hasSize(2).doesNotContain("");
        assertThat(ids.get(1)).isEqualTo(ids.get(0));
        assertThat(message.getId()).isEqualTo(ids.get(0));
    }

    @Test
    void differentActivitiesGetDifferentIds() {
        client.sendTyping(CONVERSATION);
        client.sendTyping(CONVERSATION);

        assertThat(server.requests()).extracting(r -> r.json().get("id").asText()).doesNotHaveDuplicates();
    }

    @Test
    void sendActivityWithWrapperFillsInTheWrappedActivity() {
        EndOfConversationActivity end = new EndOfConversationActivity().code("userCancelled");

        client.sendActivity(CONVERSATION, new Activity(end));

        JsonNode body = server.lastRequest().json();
        assertThat(body.get("type").asText()).isEqualTo("endOfConversation");
        assertThat(body.get("code").asText()).isEqualTo("userCancelled");
        assertThat(body.get("channelId").asText()).isEqualTo(CHANNEL);
        assertThat(body.at("/conversation/id").asText()).isEqualTo(CONVERSATION);
        assertThat(end.getId()).isEqualTo(body.get("id").asText());
    }

    @Test
    void sendActivityRejectsAnEmptyWrapperWithoutSending() {
        assertThatThrownBy(() -> client.sendActivity(CONVERSATION, new Activity()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void sendActivityRejectsABlankConversationIdWithoutSending() {
        assertThatThrownBy(() -> client.sendMessage(" ", "Hi"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conversationId");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void messageWithAttachmentsAndSenderIsSentAsGiven() {
        MessageActivity message = new MessageActivity()
                .from(new ChannelAccount().name("John Doe"))
                .addAttachmentsItem(new Attachment().contentType("image/png").name("receipt.png")
                        .contentUrl("https://contoso.example/receipt.png"));

        client.sendActivity(CONVERSATION, message);

        JsonNode body = server.lastRequest().json();
        assertThat(body.has("text")).as("no text member when text is null").isFalse();
        assertThat(body.at("/from/name").asText()).isEqualTo("John Doe");
        assertThat(body.at("/attachments/0/contentType").asText()).isEqualTo("image/png");
        assertThat(body.at("/attachments/0/name").asText()).isEqualTo("receipt.png");
    }

    @Test
    void createConversationWithoutArgumentsPostsEmptyObject() {
        CreateConversationResponse response = client.createConversation();

        assertThat(response.getConversationId()).isEqualTo(CONVERSATION);
        assertThat(response.getIsNew()).isTrue();
        RecordedRequest request = server.lastRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/v1.0/consumer/conversation/create");
        assertThat(request.json().isObject()).isTrue();
        assertThat(request.json().size()).isZero();
    }

    @Test
    void createConversationPostsRequestWithLowercaseKeys() {
        server.respond(200, "application/json",
                "{\"conversationId\":\"" + CONVERSATION + "\",\"isNew\":false}", Map.of());
        CreateConversationRequest request = new CreateConversationRequest()
                .customercontext(new CustomerContext().customerid("1234").firstname("John"))
                .putConversationcontextItem("var1", new ContextVariable().isDisplayable(true).value("some value"))
                .skipdeflectionbot(true);

        CreateConversationResponse response = client.createConversation(request);

        assertThat(response.getIsNew()).isFalse();
        JsonNode body = server.lastRequest().json();
        assertThat(fieldNames(body))
                .containsExactlyInAnyOrder("customercontext", "conversationcontext", "skipdeflectionbot");
        assertThat(body.at("/customercontext/customerid").asText()).isEqualTo("1234");
        assertThat(body.at("/conversationcontext/var1/isDisplayable").booleanValue()).isTrue();
        assertThat(body.at("/conversationcontext/var1/value").asText()).isEqualTo("some value");
        assertThat(body.get("skipdeflectionbot").booleanValue()).isTrue();
    }

    @Test
    void baseUriPathIsKeptAsPrefixAndTrailingSlashIgnored() {
        MessagingClient prefixed = MessagingClient.builder()
                .baseUri(server.baseUri() + "/emulator/")
                .channelId(CHANNEL)
                .organizationId(ORGANIZATION)
                .token(TOKEN)
                .build();

        prefixed.sendTyping(CONVERSATION);

        assertThat(server.lastRequest().path()).isEqualTo("/emulator" + SEND_PATH);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
