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
import io.github.ccmessaging.client.model.ContextList;
import io.github.ccmessaging.client.model.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /api/v1.0/consumer/conversation/{conversationId}/context}: the variable given at create, and an unknown
 * conversation, driven by the generated client.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = PROVIDER, pactVersion = PactSpecVersion.V4)
class GetContextConsumerPactTest {

  private static final String CONTEXT = "context";

  @Pact(consumer = CONSUMER)
  V4Pact contextVariable(PactDslWithProvider builder) {
    PactDslJsonBody body = new PactDslJsonBody();
    body.array("context")
        .object()
          .stringValue("name", CONTEXT_NAME)
          .stringValue("value", CONTEXT_VALUE)
        .closeObject()
        .closeArray();
    return builder
        .given(STATE_CONVERSATION_EXISTS, MESSAGE_AND_CONTEXT)
        .uponReceiving("a request for the context of a conversation created with one context variable")
          .method("GET")
          .pathFromProviderState(conversationPathExpression(CONTEXT), exampleConversationPath(CONTEXT))
          .headers(queryHeaders(DEV_TOKEN))
        .willRespondWith()
          .status(200)
          .body(body)
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "contextVariable")
  void getsTheContextVariableGivenAtCreate(MockServer mockServer) throws ApiException {
    ContextList context = conversationsApi(mockServer.getUrl(), DEV_TOKEN)
        .getContext(CHANNEL_ID, ORGANIZATION_ID, EXAMPLE_CONVERSATION_ID);

    assertThat(context.getContext()).singleElement().satisfies(entry -> {
      assertThat(entry.getName()).isEqualTo(CONTEXT_NAME);
      assertThat(entry.getValue()).isEqualTo(CONTEXT_VALUE);
    });
  }

  @Pact(consumer = CONSUMER)
  V4Pact unknownConversation(PactDslWithProvider builder) {
    return builder
        .uponReceiving("a request for the context of a conversation that does not exist")
          .method("GET")
          .path(unknownConversationPath(CONTEXT))
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
    ApiException e = catchThrowableOfType(ApiException.class,
        () -> conversationsApi(mockServer.getUrl(), DEV_TOKEN)
            .getContext(CHANNEL_ID, ORGANIZATION_ID, UNKNOWN_CONVERSATION_ID));

    assertThat(e).as("the call must fail with an ApiException").isNotNull();
    assertThat(e.getCode()).isEqualTo(404);
    Problem problem = problemOf(e);
    assertThat(problem.getStatus()).isEqualTo(404);
    assertThat(problem.getErrorCode()).isEqualTo(30013);
  }
}
