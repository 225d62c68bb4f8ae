package io.github.ccmessaging.contract.consumer;

import static io.github.ccmessaging.contract.consumer.ConversationQueryPacts.*;
import static io.github.ccmessaging.contract.consumer.MessagingChannelPacts.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import io.github.ccmessaging.client.invoker.ApiException;
import io.github.ccmessaging.client.model.MessageList;
import io.github.ccmessaging.client.model.MessageSender;
import io.github.ccmessaging.client.model.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /api/v1.0/consumer/conversation/{conversationId}/messages}: the customer's message, a page size above
 * the documented maximum, and an unknown conversation, driven by the generated client.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = PROVIDER, pactVersion = PactSpecVersion.V4)
class ListMessagesConsumerPactTest {

  private static final String MESSAGES = "messages";

  private static void assertProblem(ApiException e, int status, int errorCode) {
    assertThat(e).as("the call must fail with an ApiException").isNotNull();
    assertThat(e.getCode()).isEqualTo(status);
    Problem problem = problemOf(e);
    assertThat(problem.getStatus()).isEqualTo(status);
    assertThat(problem.getTitle()).isNotBlank();
    assertThat(problem.getErrorCode()).isEqualTo(errorCode);
  }

  // ---------------------------------------------------------------- 200

  @Pact(consumer = CONSUMER)
  V4Pact customerMessage(PactDslWithProvider builder) {
    PactDslJsonBody body = new PactDslJsonBody();
    body.array("messages")
        .object()
          .stringValue("type", "message")
          .stringMatcher("messageId", MESSAGE_ID_REGEX, EXAMPLE_MESSAGE_ID)
          .stringMatcher("timestamp", TIMESTAMP_REGEX, EXAMPLE_TIMESTAMP)
          .stringValue("text", CUSTOMER_MESSAGE)
          .object("from")
            .stringValue("role", "user")
          .closeObject()
        .closeObject()
        .closeArray();
    return builder
        .given(STATE_CONVERSATION_EXISTS, MESSAGE_AND_CONTEXT)
        .uponReceiving("a request for the messages of a conversation with one customer message")
          .method("GET")
          .pathFromProviderState(conversationPathExpression(MESSAGES), exampleConversationPath(MESSAGES))
          .query("PageSize=10")
          .headers(queryHeaders(DEV_TOKEN))
        .willRespondWith()
          .status(200)
          .body(body)
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "customerMessage")
  void listsTheCustomersMessage(MockServer mockServer) throws ApiException {
    MessageList page = conversationsApi(mockServer.getUrl(), DEV_TOKEN)
        .listMessages(CHANNEL_ID, ORGANIZATION_ID, EXAMPLE_CONVERSATION_ID, null, 10, null);

    assertThat(page.getMessages()).singleElement().satisfies(message -> {
      assertThat(message.getType()).isEqualTo("message");
      assertThat(message.getMessageId()).matches(MESSAGE_ID);
      assertThat(message.getTimestamp()).matches(TIMESTAMP);
      assertThat(message.getText()).isEqualTo(CUSTOMER_MESSAGE);
      assertThat(message.getFrom().getRole()).isEqualTo(MessageSender.RoleEnum.USER);
    });
  }

  // ---------------------------------------------------------------- 400 / 30008

  @Pact(consumer = CONSUMER)
  V4Pact pageSizeTooLarge(PactDslWithProvider builder) {
    return builder
        .given(STATE_CONVERSATION_EXISTS)
        .uponReceiving("a request for the messages of an active conversation with page size 101")
          .method("GET")
          .pathFromProviderState(conversationPathExpression(MESSAGES), exampleConversationPath(MESSAGES))
          .query("PageSize=101")
          .headers(queryHeaders(DEV_TOKEN))
        .willRespondWith()
          .status(400)
          .matchHeader("Content-Type", PROBLEM_JSON_REGEX, PROBLEM_JSON)
          .body(problem(400, "Invalid page size", 30008))
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "pageSizeTooLarge")
  void rejectsAPageSizeAboveOneHundred(MockServer mockServer) {
    assertProblem(catchThrowableOfType(ApiException.class,
        () -> conversationsApi(mockServer.getUrl(), DEV_TOKEN)
            .listMessages(CHANNEL_ID, ORGANIZATION_ID, EXAMPLE_CONVERSATION_ID, null, 101, null)), 400, 30008);
  }

  // ---------------------------------------------------------------- 404 / 30013

  @Pact(consumer = CONSUMER)
  V4Pact unknownConversation(PactDslWithProvider builder) {
    return builder
        .uponReceiving("a request for the messages of a conversation that does not exist")
          .method("GET")
          .path(unknownConversationPath(MESSAGES))
          .headers(queryHeaders(DEV_TOKEN))
        .willRespondWith()
          .status(404)
          .matchHeader("Content-Type", PROBLEM_JSON_REGEX, PROBLEM_JSON)
          .body(problem(404, "Conversation does not exist", 30013))
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "unknownConversation")
  void rejectsAnUnknownConversation(MockServer mockServer) {
    assertProblem(catchThrowableOfType(ApiException.class,
        () -> conversationsApi(mockServer.getUrl(), DEV_TOKEN)
            .listMessages(CHANNEL_ID, ORGANIZATION_ID, UNKNOWN_CONVERSATION_ID, null, null, null)), 404, 30013);
  }
}
