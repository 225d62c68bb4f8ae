package io.github.ccmessaging.client.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.ccmessaging.client.webhook.model.SystemEventName;
import io.github.ccmessaging.client.webhook.model.WebhookActivity;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookReceiverTest {

    static final String TOKEN = "webhook-secret";
    static final String CONVERSATION = "9a1c3c0e-52f7-4b5e-9c6a-3f2d1e0b8a77";
    static final String PATH = "/webhook/v3/conversations/" + CONVERSATION + "/activities";
    static final String AGENT_MESSAGE = """
            {"type":"message","id":"1745323200456","channelId":"c0ffee00-0000-4000-8000-000000000001",
             "from":{"id":"agent-1","name":"Alex"},"conversation":{"id":"%s"},
             "textFormat":"markdown","text":"hello","timestamp":"2025-04-15T12:37:00.4560000Z"}"""
            .formatted(CONVERSATION);

    private final WebhookReceiver receiver = WebhookReceiver.builder().bearerToken(TOKEN).build();

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private ReceivedActivity receive(String body) {
        return receiver.receive("POST", PATH, "Bearer " + TOKEN, bytes(body));
    }

    private int rejectionStatus(String method, String path, String authorization, String body) {
        WebhookRejectedException e = catchThrowableOfType(WebhookRejectedException.class,
                () -> receiver.receive(method, path, authorization, body == null ? null : bytes(body)));
        assertThat(e).as("the request must be rejected").isNotNull();
        return e.status();
    }

    // ------------------------------------------------------------------ accepted

    @Test
    void anAgentMessageIsParsedWithTheConversationIdOfThePath() {
        ReceivedActivity received = receive(AGENT_MESSAGE);

        assertThat(received.conversationId()).isEqualTo(CONVERSATION);
        assertThat(received.type()).isEqualTo("message");
        assertThat(received.name()).isNull();
        WebhookActivity activity = received.activity();
        assertThat(activity.getType()).isEqualTo(WebhookActivity.TypeEnum.MESSAGE);
        assertThat(activity.getId()).isEqualTo("1745323200456");
        assertThat(activity.getFrom().getName()).isEqualTo("Alex");
        assertThat(activity.getText()).isEqualTo("hello");
        assertThat(activity.getTextFormat()).isEqualTo(WebhookActivity.TextFormatEnum.MARKDOWN);
        assertThat(activity.getConversation().getId()).isEqualTo(CONVERSATION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/webhook", "/api", "/tenant-a/channels/webhook"})
    void anyBasePathBeforeV3IsAccepted(String basePath) {
        ReceivedActivity received = receiver.receive("POST",
                basePath + "/v3/conversations/" + CONVERSATION + "/activities", "Bearer " + TOKEN, bytes(AGENT_MESSAGE));

        assertThat(received.conversationId()).isEqualTo(CONVERSATION);
    }

    @Test
    void aQueryStringIsIgnored() {
        ReceivedActivity received = receiver.receive("POST", PATH + "?code=abc", "Bearer " + TOKEN,
                bytes(AGENT_MESSAGE));

        assertThat(received.conversationId()).isEqualTo(CONVERSATION);
    }

    @Test
    void aPercentEncodedConversationIdIsDecodedAndAPlusSignKept() {
        ReceivedActivity received = receiver.receive("POST", "/v3/conversations/a%7Cb+c/activities",
                "Bearer " + TOKEN, bytes("{\"type\":\"typing\"}"));

        assertThat(received.conversationId()).isEqualTo("a|b+c");
    }

    @Test
    void aSystemEventIsParsedIntoTheDocumentedEventName() {
        ReceivedActivity received = receive("""
                {"type":"message","id":"1745323200459","conversation":{"id":"%s"},
                 "name":"AgentAccepted","text":"EventName: **_AgentAccepted_**"}""".formatted(CONVERSATION));

        assertThat(received.activity().getName()).isEqualTo(SystemEventName.AGENT_ACCEPTED);
        assertThat(received.name()).isEqualTo("AgentAccepted");
    }

    @Test
    void anUndocumentedEventNameIsKeptInsteadOfRejectingTheActivity() {
        ReceivedActivity received = receive("""
                {"type":"message","conversation":{"id":"%s"},"name":"AgentClosed",
                 "text":"EventName: **_AgentClosed_**"}""".formatted(CONVERSATION));

        assertThat(received.name()).isEqualTo("AgentClosed");
        assertThat(received.activity().getName()).isNull();
        assertThat(received.activity().getText()).isEqualTo("EventName: **_AgentClosed_**");
    }

    @Test
    void anUndocumentedActivityTypeIsKeptInsteadOfRejectingTheActivity() {
        ReceivedActivity received = receive("{\"type\":\"endOfConversation\",\"conversation\":{\"id\":\"x\"}}");

        assertThat(received.type()).isEqualTo("endOfConversation");
        assertThat(received.activity().getType()).isNull();
    }

    @Test
    void unknownMembersAreIgnored() {
        ReceivedActivity received = receive("""
                {"type":"typing","conversation":{"id":"%s","isGroup":false},"recipient":{"id":"customer-1"},
                 "serviceUrl":"https://example.invalid/","entities":[{"type":"clientInfo"}],"locale":"en-US"}"""
                .formatted(CONVERSATION));

        assertThat(received.activity().getType()).isEqualTo(WebhookActivity.TypeEnum.TYPING);
        assertThat(received.activity().getRecipient().getId()).isEqualTo("customer-1");
    }

    @Test
    void pascalCaseMembersOfCopilotStudioEventsAreRead() {
        ReceivedActivity received = receive("""
                {"Type":"event","Id":"1756399395730","ServiceUrl":"https://webhook.com/",
                 "ChannelId":"c0ffee00-0000-4000-8000-000000000001","Conversation":{"Id":"%s"},
                 "ChannelData":{"customEvent":true,"customEventName":"CustomTest","customEventValue":"{}"},
                 "Name":"CustomTest"}""".formatted(CONVERSATION));

        assertThat(received.type()).isEqualTo("event");
        assertThat(received.name()).isEqualTo("CustomTest");
        assertThat(received.activity().getType()).isEqualTo(WebhookActivity.TypeEnum.EVENT);
        assertThat(received.activity().getId()).isEqualTo("1756399395730");
        assertThat(received.activity().getConversation().getId()).isEqualTo(CONVERSATION);
    }

    @Test
    void attachmentsAreParsed() {
        ReceivedActivity received = receive("""
                {"type":"message","conversation":{"id":"%s"},"attachments":[{"contentType":"image/jpeg",
                 "contentUrl":"https://contoso.example/issue.jpg","content":null,"name":"issue (1).jpg",
                 "thumbnailUrl":null}]}""".formatted(CONVERSATION));

        assertThat(received.activity().getAttachments()).singleElement().satisfies(attachment -> {
            assertThat(attachment.getContentType()).isEqualTo("image/jpeg");
            assertThat(attachment.getName()).isEqualTo("issue (1).jpg");
            assertThat(attachment.getContent()).isNull();
        });
    }

    @Test
    void theBearerSchemeIsMatchedInAnyCasing() {
        ReceivedActivity received = receiver.receive("POST", PATH, "bearer  " + TOKEN, bytes(AGENT_MESSAGE));

        assertThat(received.conversationId()).isEqualTo(CONVERSATION);
    }

    @Test
    void aTokenCheckGetsTheTokenWithoutTheScheme() {
        List<String> checked = new CopyOnWriteArrayList<>();
        WebhookReceiver checking = WebhookReceiver.builder()
                .tokenCheck(token -> checked.add(token) && token.startsWith("eyJ"))
                .build();

        checking.receive("POST", PATH, "Bearer eyJhbGciOi.payload.sig", bytes(AGENT_MESSAGE));
        WebhookRejectedException e = catchThrowableOfType(WebhookRejectedException.class,
                () -> checking.receive("POST", PATH, "Bearer opaque", bytes(AGENT_MESSAGE)));

        assertThat(checked).containsExactly("eyJhbGciOi.payload.sig", "opaque");
        assertThat(e.status()).isEqualTo(401);
    }

    // ------------------------------------------------------------------ rejected

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "DELETE", "post"})
    void anotherMethodIsRejectedWith405(String method) {
        assertThat(rejectionStatus(method, PATH, "Bearer " + TOKEN, AGENT_MESSAGE)).isEqualTo(405);
    }

    @Test
    void aMissingAuthorizationHeaderIsRejectedWith401() {
        assertThat(rejectionStatus("POST", PATH, null, AGENT_MESSAGE)).isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer wrong", "Bearer webhook-secre", "Bearer webhook-secret2", "Bearer WEBHOOK-SECRET",
            "Basic d2ViaG9vay1zZWNyZXQ=", "Bearer", "Bearer   ", "webhook-secret", "Bearerwebhook-secret", ""})
    void aWrongOrMalformedTokenIsRejectedWith401(String authorization) {
        assertThat(rejectionStatus("POST", PATH, authorization, AGENT_MESSAGE)).isEqualTo(401);
    }

    @Test
    void theRejectionOfAWrongTokenDoesNotRepeatTheToken() {
        WebhookRejectedException e = catchThrowableOfType(WebhookRejectedException.class,
                () -> receiver.receive("POST", PATH, "Bearer guessed-token", bytes(AGENT_MESSAGE)));

        assertThat(e.getMessage()).doesNotContain("guessed-token").doesNotContain(TOKEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/webhook", "/webhook/v3/conversations//activities",
            "/webhook/v3/conversations/" + CONVERSATION, "/webhook/v3/conversations/" + CONVERSATION + "/activities/x",
            "/webhook/v3/conversation/" + CONVERSATION + "/activities", "/v2/conversations/x/activities",
            "/webhook/v3/conversations/a/b/activities"})
    void aPathThatIsNotTheActivitiesPathIsRejectedWith400(String path) {
        assertThat(rejectionStatus("POST", path, "Bearer " + TOKEN, AGENT_MESSAGE)).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"message\"", "not json", "[]", "\"message\"", "42", "{\"type\":\"message\"} x",
            "{}", "{\"type\":\"\"}", "{\"type\":7}", "{\"type\":\"message\",\"from\":\"Alex\"}"})
    void aBodyThatIsNotAnActivityIsRejectedWith400(String body) {
        assertThat(rejectionStatus("POST", PATH, "Bearer " + TOKEN, body)).isEqualTo(400);
    }

    @Test
    void aMissingOrEmptyBodyIsRejectedWith400() {
        assertThat(rejectionStatus("POST", PATH, "Bearer " + TOKEN, null)).isEqualTo(400);
        assertThat(rejectionStatus("POST", PATH, "Bearer " + TOKEN, "")).isEqualTo(400);
    }

    @Test
    void aBodyLongerThanTheLimitIsRejectedWith413() {
        WebhookReceiver small = WebhookReceiver.builder().bearerToken(TOKEN).maxBodyBytes(64).build();
        String body = "{\"type\":\"message\",\"text\":\"" + "x".repeat(64) + "\"}";

        WebhookRejectedException e = catchThrowableOfType(WebhookRejectedException.class,
                () -> small.receive("POST", PATH, "Bearer " + TOKEN, bytes(body)));

        assertThat(e.status()).isEqualTo(413);
        assertThat(small.receive("POST", PATH, "Bearer " + TOKEN, bytes("{\"type\":\"typing\"}")).type())
                .isEqualTo("typing");
    }

    @Test
    void theMethodIsCheckedBeforeTheTokenAndTheTokenBeforePathAndBody() {
        assertThat(rejectionStatus("GET", "/elsewhere", "Bearer wrong", "not json")).isEqualTo(405);
        assertThat(rejectionStatus("POST", "/elsewhere", "Bearer wrong", "not json")).isEqualTo(401);
        assertThat(rejectionStatus("POST", "/elsewhere", "Bearer " + TOKEN, "not json")).isEqualTo(400);
    }

    // ------------------------------------------------------------------ builder

    @Test
    void aReceiverNeedsATokenOrATokenCheck() {
        assertThatThrownBy(() -> WebhookReceiver.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bearer token");
    }

    @Test
    void theBuilderRejectsABlankTokenAndANonPositiveBodyLimit() {
        assertThatThrownBy(() -> WebhookReceiver.builder().bearerToken(" "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookReceiver.builder().maxBodyBytes(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
