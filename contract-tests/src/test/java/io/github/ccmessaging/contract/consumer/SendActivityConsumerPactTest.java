package io.github.ccmessaging.contract.consumer;

import static io.github.ccmessaging.contract.consumer.MessagingChannelPacts.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslResponse;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import io.github.ccmessaging.client.api.ConversationsApi;
import io.github.ccmessaging.client.invoker.ApiException;
import io.github.ccmessaging.client.model.Activity;
import io.github.ccmessaging.client.model.Attachment;
import io.github.ccmessaging.client.model.ChannelAccount;
import io.github.ccmessaging.client.model.ConversationAccount;
import io.github.ccmessaging.client.model.EndOfConversationActivity;
import io.github.ccmessaging.client.model.EventActivity;
import io.github.ccmessaging.client.model.EventChannelData;
import io.github.ccmessaging.client.model.EventValue;
import io.github.ccmessaging.client.model.MessageActivity;
import io.github.ccmessaging.client.model.Problem;
import io.github.ccmessaging.client.model.SendActivityResponse;
import io.github.ccmessaging.client.model.TypingActivity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code POST /api/v1.0/consumer/conversation/{conversationId}}, one interaction per activity kind and per
 * documented rejection, driven by the generated client.
 *
 * <p>The conversation id in the path and in the body's {@code conversation.id} comes from the provider state
 * ({@code conversationId}), so the provider can create a real conversation. Request bodies are exactly what the
 * generated client sends (Pact matches request bodies strictly: no unexpected keys).
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = PROVIDER, pactVersion = PactSpecVersion.V4)
class SendActivityConsumerPactTest {

  static final String CUSTOM_EVENT_VALUE =
      "{\"stringVar\":\"Hello\",\"numberVar\":-10.5,\"boolVar\":true,"
          + "\"displayableVar\":{\"isDisplayable\":true,\"value\":\"shown to the representative\"}}";
  static final String TOO_LONG_TEXT = "x".repeat(6001);

  // ---------------------------------------------------------------- request bodies (what the client sends)

  private static PactDslJsonBody activity(String type) {
    return new PactDslJsonBody()
        .stringValue("type", type)
        .stringValue("channelId", CHANNEL_ID);
  }

  private static PactDslJsonBody customer(PactDslJsonBody body) {
    return body.object("from")
        .stringValue("id", "customer-1234")
        .stringValue("name", "John Doe")
        .closeObject().asBody();
  }

  /** The request part shared by every interaction: POST to the state's conversation with the dev channel's headers. */
  private static PactDslResponse send(PactDslWithProvider builder, String state, String description,
                                      PactDslJsonBody body, int status) {
    return builder
        .given(state)
        .uponReceiving(description)
          .method("POST")
          .pathFromProviderState(CONVERSATION_PATH_EXPRESSION, EXAMPLE_CONVERSATION_PATH)
          .headers(requestHeaders(DEV_TOKEN))
          .body(withConversation(body))
        .willRespondWith()
          .status(status);
  }

  private static V4Pact accepted(PactDslWithProvider builder, String description, PactDslJsonBody body) {
    return send(builder, STATE_CONVERSATION_EXISTS, description, body, 200)
        .body(new PactDslJsonBody().stringMatcher("messageId", MESSAGE_ID_REGEX, EXAMPLE_MESSAGE_ID))
        .toPact(V4Pact.class);
  }

  private static V4Pact rejected(PactDslWithProvider builder, String state, String description,
                                 PactDslJsonBody body, int status, String title, int errorCode) {
    return send(builder, state, description, body, status)
        .matchHeader("Content-Type", PROBLEM_JSON_REGEX, PROBLEM_JSON)
        .body(problem(status, title, errorCode))
        .toPact(V4Pact.class);
  }

  // ---------------------------------------------------------------- client side

  private static ConversationsApi api(MockServer mockServer) {
    return conversationsApi(mockServer.getUrl(), DEV_TOKEN);
  }

  private static SendActivityResponse sendWithClient(MockServer mockServer, Activity activity) throws ApiException {
    return api(mockServer).sendActivity(CHANNEL_ID, ORGANIZATION_ID, EXAMPLE_CONVERSATION_ID, activity);
  }

  private static ApiException failingSend(MockServer mockServer, Activity activity) {
    ApiException e = catchThrowableOfType(ApiException.class, () -> sendWithClient(mockServer, activity));
    assertThat(e).as("the call must fail with an ApiException").isNotNull();
    return e;
  }

  private static ConversationAccount conversation() {
    return new ConversationAccount().id(EXAMPLE_CONVERSATION_ID);
  }

  private static ChannelAccount johnDoe() {
    return new ChannelAccount().id("customer-1234").name("John Doe");
  }

  private static MessageActivity message() {
    return new MessageActivity()
        .type(MessageActivity.TypeEnum.MESSAGE)
        .channelId(CHANNEL_ID)
        .from(johnDoe())
        .conversation(conversation());
  }

  private static void assertProblem(ApiException e, int status, int errorCode) {
    assertThat(e.getCode()).isEqualTo(status);
    Problem problem = problemOf(e);
    assertThat(problem.getStatus()).isEqualTo(status);
    assertThat(problem.getTitle()).isNotBlank();
    assertThat(problem.getErrorCode()).isEqualTo(errorCode);
  }

  // ---------------------------------------------------------------- message (text)

  @Pact(consumer = CONSUMER)
  V4Pact textMessage(PactDslWithProvider builder) {
    return accepted(builder, "a text message to an active conversation",
        customer(activity("message")).stringValue("text", "Hello, I need help with my order"));
  }

  @Test
  @PactTestFor(pactMethod = "textMessage")
  void sendsATextMessage(MockServer mockServer) throws ApiException {
    SendActivityResponse response = sendWithClient(mockServer,
        new Activity(message().text("Hello, I need help with my order")));

    assertThat(response.getMessageId()).matches(MESSAGE_ID);
  }

  // ---------------------------------------------------------------- message (attachment)

  @Pact(consumer = CONSUMER)
  V4Pact attachmentMessage(PactDslWithProvider builder) {
    PactDslJsonBody body = customer(activity("message"));
    body.array("attachments")
        .object()
          .stringValue("contentType", "image/png")
          .stringValue("contentUrl", "https://contoso.example/receipt.png")
          .stringValue("name", "receipt.png")
        .closeObject()
        .closeArray();
    return accepted(builder, "a message with an attachment and no text to an active conversation", body);
  }

  @Test
  @PactTestFor(pactMethod = "attachmentMessage")
  void sendsAMessageWithAnAttachment(MockServer mockServer) throws ApiException {
    SendActivityResponse response = sendWithClient(mockServer, new Activity(message()
        .addAttachmentsItem(new Attachment()
            .contentType("image/png")
            .contentUrl("https://contoso.example/receipt.png")
            .name("receipt.png"))));

    assertThat(response.getMessageId()).matches(MESSAGE_ID);
  }

  // ---------------------------------------------------------------- typing

  @Pact(consumer = CONSUMER)
  V4Pact typing(PactDslWithProvider builder) {
    PactDslJsonBody body = activity("typing")
        .object("from").stringValue("name", "John Doe").closeObject().asBody();
    return accepted(builder, "a typing indicator to an active conversation", body);
  }

  @Test
  @PactTestFor(pactMethod = "typing")
  void sendsATypingIndicator(MockServer mockServer) throws ApiException {
    SendActivityResponse response = sendWithClient(mockServer, new Activity(new TypingActivity()
        .type(TypingActivity.TypeEnum.TYPING)
        .channelId(CHANNEL_ID)
        .from(new ChannelAccount().name("John Doe"))
        .conversation(conversation())));

    assertThat(response.getMessageId()).matches(MESSAGE_ID);
  }

  // ---------------------------------------------------------------- endOfConversation

  @Pact(consumer = CONSUMER)
  V4Pact endOfConversation(PactDslWithProvider builder) {
    return accepted(builder, "an end of conversation to an active conversation", activity("endOfConversation"));
  }

  @Test
  @PactTestFor(pactMethod = "endOfConversation")
  void endsTheConversation(MockServer mockServer) throws ApiException {
    SendActivityResponse response = sendWithClient(mockServer, new Activity(new EndOfConversationActivity()
        .type(EndOfConversationActivity.TypeEnum.END_OF_CONVERSATION)
        .channelId(CHANNEL_ID)
        .conversation(conversation())));

    assertThat(response.getMessageId()).matches(MESSAGE_ID);
  }

  // ---------------------------------------------------------------- custom event

  @Pact(consumer = CONSUMER)
  V4Pact customEvent(PactDslWithProvider builder) {
    PactDslJsonBody body = activity("event")
        .stringValue("name", "TestEvent")
        .object("channelData")
          .booleanValue("customEvent", true)
          .stringValue("customEventName", "TestEvent")
          .stringValue("customEventValue", CUSTOM_EVENT_VALUE)
        .closeObject().asBody();
    return accepted(builder, "a custom event to an active conversation", body);
  }

  @Test
  @PactTestFor(pactMethod = "customEvent")
  void sendsACustomEvent(MockServer mockServer) throws ApiException {
    SendActivityResponse response = sendWithClient(mockServer, new Activity(new EventActivity()
        .type(EventActivity.TypeEnum.EVENT)
        .channelId(CHANNEL_ID)
        .conversation(conversation())
        .name("TestEvent")
        .channelData(new EventChannelData()
            .customEvent(true)
            .customEventName("TestEvent")
            .customEventValue(CUSTOM_EVENT_VALUE))));

    assertThat(response.getMessageId()).matches(MESSAGE_ID);
  }

  // ---------------------------------------------------------------- read event

  @Pact(consumer = CONSUMER)
  V4Pact readEvent(PactDslWithProvider builder) {
    PactDslJsonBody body = activity("event")
        .stringValue("name", "MessageRead")
        .object("value")
          .valueFromProviderState("messageId", "${messageId}", EXAMPLE_MESSAGE_ID)
        .closeObject().asBody();
    return send(builder, STATE_REPRESENTATIVE_MESSAGE, "a read event naming a message of the representative", body, 200)
        .body(new PactDslJsonBody()
            .stringValue("messageId", "")
            .nullValue("message"))
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "readEvent")
  void sendsAReadEvent(MockServer mockServer) throws ApiException {
    SendActivityResponse response = sendWithClient(mockServer, new Activity(new EventActivity()
        .type(EventActivity.TypeEnum.EVENT)
        .channelId(CHANNEL_ID)
        .conversation(conversation())
        .name("MessageRead")
        .value(new EventValue().messageId(EXAMPLE_MESSAGE_ID))));

    assertThat(response.getMessageId()).isEmpty();
    assertThat(response.getMessage()).isNull();
  }

  // ---------------------------------------------------------------- 400 / 30016

  @Pact(consumer = CONSUMER)
  V4Pact messageWithoutTextOrAttachments(PactDslWithProvider builder) {
    return rejected(builder, STATE_CONVERSATION_EXISTS,
        "a message without text or attachments to an active conversation",
        customer(activity("message")), 400, "Message activity has no text or attachments", 30016);
  }

  @Test
  @PactTestFor(pactMethod = "messageWithoutTextOrAttachments")
  void rejectsAMessageWithoutTextOrAttachments(MockServer mockServer) {
    assertProblem(failingSend(mockServer, new Activity(message())), 400, 30016);
  }

  // ---------------------------------------------------------------- 400 / 30011

  @Pact(consumer = CONSUMER)
  V4Pact messageTextTooLong(PactDslWithProvider builder) {
    return rejected(builder, STATE_CONVERSATION_EXISTS,
        "a message with a text of 6001 characters to an active conversation",
        customer(activity("message")).stringValue("text", TOO_LONG_TEXT),
        400, "Message text is too long", 30011);
  }

  @Test
  @PactTestFor(pactMethod = "messageTextTooLong")
  void rejectsATextLongerThan6000Characters(MockServer mockServer) {
    assertProblem(failingSend(mockServer, new Activity(message().text(TOO_LONG_TEXT))), 400, 30011);
  }

  // ---------------------------------------------------------------- 400 / 30003

  @Pact(consumer = CONSUMER)
  V4Pact unsupportedEvent(PactDslWithProvider builder) {
    return rejected(builder, STATE_CONVERSATION_EXISTS,
        "an event that is neither a read event nor a custom event to an active conversation",
        activity("event").stringValue("name", "SomethingElse"),
        400, "The requested operation is invalid or not supported", 30003);
  }

  @Test
  @PactTestFor(pactMethod = "unsupportedEvent")
  void rejectsAnUnsupportedEvent(MockServer mockServer) {
    assertProblem(failingSend(mockServer, new Activity(new EventActivity()
        .type(EventActivity.TypeEnum.EVENT)
        .channelId(CHANNEL_ID)
        .conversation(conversation())
        .name("SomethingElse"))), 400, 30003);
  }

  // ---------------------------------------------------------------- 404 / 30013

  @Pact(consumer = CONSUMER)
  V4Pact closedConversation(PactDslWithProvider builder) {
    return rejected(builder, STATE_CONVERSATION_CLOSED,
        "a text message to a closed conversation",
        customer(activity("message")).stringValue("text", "Are you still there?"),
        404, "Conversation does not exist", 30013);
  }

  @Test
  @PactTestFor(pactMethod = "closedConversation")
  void rejectsAMessageToAClosedConversation(MockServer mockServer) {
    assertProblem(failingSend(mockServer, new Activity(message().text("Are you still there?"))), 404, 30013);
  }
}
