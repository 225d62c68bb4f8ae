package io.github.ccmessaging.contract.consumer;

import static io.github.ccmessaging.contract.consumer.ConversationQueryPacts.*;
import static io.github.ccmessaging.contract.consumer.MessagingChannelPacts.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslRequestWithPath;
import au.com.dius.pact.consumer.dsl.PactDslRequestWithoutPath;
import au.com.dius.pact.consumer.dsl.PactDslWithState;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import io.github.ccmessaging.client.api.ConversationsApi;
import io.github.ccmessaging.client.invoker.ApiException;
import io.github.ccmessaging.client.model.ConversationList;
import io.github.ccmessaging.client.model.ConversationSummary;
import io.github.ccmessaging.client.model.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /api/v1.0/consumer/conversations}: a first page, the page after a continuation token, and the
 * documented rejections of the paging parameters, driven by the generated client.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = PROVIDER, pactVersion = PactSpecVersion.V4)
class ListConversationsConsumerPactTest {

  private static final String BAD_TOKEN = "not-a-token";

  /** A GET of the list, given the catalogue's states (none, one, or a conversation and a later one). */
  private static PactDslRequestWithPath list(PactDslWithProvider builder, String description, String... states) {
    PactDslRequestWithoutPath request;
    if (states.length == 0) {
      request = builder.uponReceiving(description);
    } else {
      PactDslWithState given = builder.given(states[0]);
      for (int i = 1; i < states.length; i++) {
        given = given.given(states[i]);
      }
      request = given.uponReceiving(description);
    }
    return request
          .method("GET")
          .path(LIST_PATH)
          .headers(queryHeaders(DEV_TOKEN));
  }

  /** A page of exactly one conversation. */
  private static PactDslJsonBody pageOfOne() {
    return new PactDslJsonBody()
        .minMaxArrayLike("conversations", 1, 1)
          .uuid("conversationid", EXAMPLE_CONVERSATION_ID)
          .stringMatcher("timestamp", TIMESTAMP_REGEX, EXAMPLE_TIMESTAMP)
        .closeObject()
        .closeArray()
        .asBody();
  }

  private static V4Pact rejected(PactDslRequestWithPath request, String title, int errorCode) {
    return request
        .willRespondWith()
          .status(400)
          .matchHeader("Content-Type", PROBLEM_JSON_REGEX, PROBLEM_JSON)
          .body(problem(400, title, errorCode))
        .toPact(V4Pact.class);
  }

  private static ConversationsApi api(MockServer mockServer) {
    return conversationsApi(mockServer.getUrl(), DEV_TOKEN);
  }

  private static void assertRejected(ApiException e, int errorCode) {
    assertThat(e).as("the call must fail with an ApiException").isNotNull();
    assertThat(e.getCode()).isEqualTo(400);
    Problem problem = problemOf(e);
    assertThat(problem.getStatus()).isEqualTo(400);
    assertThat(problem.getTitle()).isNotBlank();
    assertThat(problem.getErrorCode()).isEqualTo(errorCode);
  }

  // ---------------------------------------------------------------- first page

  @Pact(consumer = CONSUMER)
  V4Pact firstPage(PactDslWithProvider builder) {
    return list(builder, "a request for the first page of one active conversation",
        STATE_CONVERSATION_EXISTS, STATE_LATER_CONVERSATION)
          .query("PageSize=1")
        .willRespondWith()
          .status(200)
          .body(pageOfOne().uuid("continuationtoken", EXAMPLE_CONVERSATION_ID))
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "firstPage")
  void listsTheFirstPageWithAContinuationToken(MockServer mockServer) throws ApiException {
    ConversationList page = api(mockServer).listConversations(CHANNEL_ID, ORGANIZATION_ID, null, 1, null);

    assertThat(page.getConversations()).singleElement().satisfies(conversation -> {
      assertThat(conversation.getConversationid()).matches(UUID);
      assertThat(conversation.getTimestamp()).matches(TIMESTAMP);
    });
    assertThat(page.getContinuationtoken()).as("more conversations follow").matches(UUID);
  }

  // ---------------------------------------------------------------- next page

  @Pact(consumer = CONSUMER)
  V4Pact nextPage(PactDslWithProvider builder) {
    return list(builder, "a request for the page after an active conversation's token",
        STATE_CONVERSATION_EXISTS, STATE_LATER_CONVERSATION)
          .query("PageSize=1")
          .queryParameterFromProviderState("ContinuationToken", CONVERSATION_ID_EXPRESSION, EXAMPLE_CONVERSATION_ID)
        .willRespondWith()
          .status(200)
          .body(pageOfOne())
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "nextPage")
  void listsThePageAfterAContinuationToken(MockServer mockServer) throws ApiException {
    ConversationList page = api(mockServer)
        .listConversations(CHANNEL_ID, ORGANIZATION_ID, null, 1, EXAMPLE_CONVERSATION_ID);

    assertThat(page.getConversations()).extracting(ConversationSummary::getConversationid)
        .singleElement().asString().matches(UUID);
  }

  // ---------------------------------------------------------------- 400 / 30007

  @Pact(consumer = CONSUMER)
  V4Pact pageSizeZero(PactDslWithProvider builder) {
    return rejected(list(builder, "a request for conversations with page size 0")
        .query("PageSize=0"), "Invalid page size", 30007);
  }

  @Test
  @PactTestFor(pactMethod = "pageSizeZero")
  void rejectsPageSizeZero(MockServer mockServer) {
    assertRejected(catchThrowableOfType(ApiException.class,
        () -> api(mockServer).listConversations(CHANNEL_ID, ORGANIZATION_ID, null, 0, null)), 30007);
  }

  // ---------------------------------------------------------------- 400 / 30009

  @Pact(consumer = CONSUMER)
  V4Pact malformedContinuationToken(PactDslWithProvider builder) {
    return rejected(list(builder,
        "a request for conversations with a continuation token that is not a GUID")
        .query("ContinuationToken=" + BAD_TOKEN), "Invalid continuation token", 30009);
  }

  @Test
  @PactTestFor(pactMethod = "malformedContinuationToken")
  void rejectsAMalformedContinuationToken(MockServer mockServer) {
    assertRejected(catchThrowableOfType(ApiException.class,
        () -> api(mockServer).listConversations(CHANNEL_ID, ORGANIZATION_ID, null, null, BAD_TOKEN)), 30009);
  }
}
