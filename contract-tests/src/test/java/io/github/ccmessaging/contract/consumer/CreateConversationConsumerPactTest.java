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
import io.github.ccmessaging.client.invoker.ApiException;
import io.github.ccmessaging.client.model.ContextVariable;
import io.github.ccmessaging.client.model.CreateConversationRequest;
import io.github.ccmessaging.client.model.CreateConversationResponse;
import io.github.ccmessaging.client.model.CustomerContext;
import io.github.ccmessaging.client.model.Problem;
import io.github.ccmessaging.client.model.StartMessage;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /api/v1.0/consumer/conversation/create}, driven by the generated client. */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = PROVIDER, pactVersion = PactSpecVersion.V4)
class CreateConversationConsumerPactTest {

  @Pact(consumer = CONSUMER)
  V4Pact newCustomerWithStartMessage(PactDslWithProvider builder) {
    return builder
        .uponReceiving("a request to start a conversation for a new customer with a start message")
          .method("POST")
          .path(CREATE_PATH)
          .headers(requestHeaders(DEV_TOKEN))
          .body(new PactDslJsonBody()
              .object("customercontext")
                .stringValue("firstname", "John")
                .stringValue("lastname", "Doe")
                .stringValue("preferredname", "Johnny")
                .stringValue("email", "john.doe@contoso.com")
              .closeObject().asBody()
              .object("conversationcontext")
                .object("orderNumber")
                  .booleanValue("isDisplayable", true)
                  .stringValue("value", "A-1001")
                .closeObject().asBody()
              .closeObject().asBody()
              .object("startmessage")
                .stringValue("message", "Hello, I need help with my order")
                .stringValue("displayname", "John")
              .closeObject().asBody()
              .booleanValue("skipdeflectionbot", true))
        .willRespondWith()
          .status(200)
          .body(new PactDslJsonBody()
              .uuid("conversationId", EXAMPLE_CONVERSATION_ID)
              .booleanValue("isNew", true)
              .stringMatcher("messageId", MESSAGE_ID_REGEX, EXAMPLE_MESSAGE_ID))
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "newCustomerWithStartMessage")
  void startsANewConversation(MockServer mockServer) throws ApiException {
    CreateConversationRequest request = new CreateConversationRequest()
        .customercontext(new CustomerContext()
            .firstname("John").lastname("Doe").preferredname("Johnny").email("john.doe@contoso.com"))
        .putConversationcontextItem("orderNumber", new ContextVariable().isDisplayable(true).value("A-1001"))
        .startmessage(new StartMessage().message("Hello, I need help with my order").displayname("John"))
        .skipdeflectionbot(true);

    CreateConversationResponse response = conversationsApi(mockServer.getUrl(), DEV_TOKEN)
        .createConversation(CHANNEL_ID, ORGANIZATION_ID, request);

    assertThat(response.getConversationId()).matches(UUID);
    assertThat(response.getIsNew()).isTrue();
    assertThat(response.getMessageId()).matches(MESSAGE_ID);
  }

  @Pact(consumer = CONSUMER)
  V4Pact customerWithActiveConversation(PactDslWithProvider builder) {
    return builder
        .given(STATE_CUSTOMER_CONVERSATION, Map.of("customerId", "1234"))
        .uponReceiving("a request to start a conversation for customer 1234 who has an active conversation")
          .method("POST")
          .path(CREATE_PATH)
          .headers(requestHeaders(DEV_TOKEN))
          .body(new PactDslJsonBody()
              .object("customercontext")
                .stringValue("customerid", "1234")
                .stringValue("preferredname", "Johnny")
              .closeObject().asBody()
              .object("startmessage")
                .stringValue("message", "Hello again")
              .closeObject().asBody())
        .willRespondWith()
          .status(200)
          .body(new PactDslJsonBody()
              .uuid("conversationId", EXAMPLE_CONVERSATION_ID)
              .booleanValue("isNew", false))
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "customerWithActiveConversation")
  void continuesTheCustomersActiveConversation(MockServer mockServer) throws ApiException {
    CreateConversationRequest request = new CreateConversationRequest()
        .customercontext(new CustomerContext().customerid("1234").preferredname("Johnny"))
        .startmessage(new StartMessage().message("Hello again"));

    CreateConversationResponse response = conversationsApi(mockServer.getUrl(), DEV_TOKEN)
        .createConversation(CHANNEL_ID, ORGANIZATION_ID, request);

    assertThat(response.getConversationId()).matches(UUID);
    assertThat(response.getIsNew()).isFalse();
    assertThat(response.getMessageId()).as("no start message is delivered to a continued conversation").isNull();
  }

  @Pact(consumer = CONSUMER)
  V4Pact wrongBearerToken(PactDslWithProvider builder) {
    return builder
        .uponReceiving("a request to start a conversation with a wrong bearer token")
          .method("POST")
          .path(CREATE_PATH)
          .headers(requestHeaders(WRONG_TOKEN))
          .body(new PactDslJsonBody()
              .object("customercontext")
                .stringValue("preferredname", "Johnny")
              .closeObject().asBody())
        .willRespondWith()
          .status(401)
          .matchHeader("Content-Type", PROBLEM_JSON_REGEX, PROBLEM_JSON)
          .body(problem(401, "Unauthorized"))
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "wrongBearerToken")
  void rejectsAWrongBearerToken(MockServer mockServer) {
    CreateConversationRequest request = new CreateConversationRequest()
        .customercontext(new CustomerContext().preferredname("Johnny"));

    ApiException e = catchThrowableOfType(ApiException.class,
        () -> conversationsApi(mockServer.getUrl(), WRONG_TOKEN)
            .createConversation(CHANNEL_ID, ORGANIZATION_ID, request));

    assertThat(e).isNotNull();
    assertThat(e.getCode()).isEqualTo(401);
    Problem problem = problemOf(e);
    assertThat(problem.getStatus()).isEqualTo(401);
    assertThat(problem.getTitle()).isNotBlank();
    assertThat(problem.getErrorCode()).as("401 carries no documented error code").isNull();
  }

  // ---------------------------------------------------------------- the contact centre misbehaves (fault states)

  /** A create while the API answers {@code status}: the documented problem, with Retry-After for 429 and 503. */
  private static V4Pact refusedCreate(PactDslWithProvider builder, String state, String description, int status,
                                      String title) {
    PactDslResponse response = builder
        .given(state)
        .uponReceiving(description)
          .method("POST")
          .path(CREATE_PATH)
          .headers(requestHeaders(DEV_TOKEN))
          .body(new PactDslJsonBody()
              .object("customercontext")
                .stringValue("customerid", "busy-1")
              .closeObject().asBody())
        .willRespondWith()
          .status(status)
          .matchHeader("Content-Type", PROBLEM_JSON_REGEX, PROBLEM_JSON);
    if (status != 500) {
      response = response.matchHeader("Retry-After", "[0-9]+", "1");
    }
    return response.body(problem(status, title)).toPact(V4Pact.class);
  }

  private static ApiException refusedWithClient(MockServer mockServer) {
    ApiException e = catchThrowableOfType(ApiException.class, () -> conversationsApi(mockServer.getUrl(), DEV_TOKEN)
        .createConversation(CHANNEL_ID, ORGANIZATION_ID,
            new CreateConversationRequest().customercontext(new CustomerContext().customerid("busy-1"))));
    assertThat(e).as("the call must fail with an ApiException").isNotNull();
    return e;
  }

  @Pact(consumer = CONSUMER)
  V4Pact rateLimited(PactDslWithProvider builder) {
    return refusedCreate(builder, STATE_RATE_LIMITED, "a request to start a conversation while the API is rate limited",
        429, "Too Many Requests");
  }

  @Test
  @PactTestFor(pactMethod = "rateLimited")
  void isToldWhenToRetryARateLimitedCreate(MockServer mockServer) {
    ApiException e = refusedWithClient(mockServer);

    assertThat(e.getCode()).isEqualTo(429);
    assertThat(e.getResponseHeaders().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(v).matches("[0-9]+"));
    assertThat(problemOf(e).getStatus()).isEqualTo(429);
  }

  @Pact(consumer = CONSUMER)
  V4Pact unavailable(PactDslWithProvider builder) {
    return refusedCreate(builder, STATE_UNAVAILABLE, "a request to start a conversation while the API is unavailable",
        503, "Service Unavailable");
  }

  @Test
  @PactTestFor(pactMethod = "unavailable")
  void isToldWhenToRetryACreateWhileTheApiIsUnavailable(MockServer mockServer) {
    ApiException e = refusedWithClient(mockServer);

    assertThat(e.getCode()).isEqualTo(503);
    assertThat(e.getResponseHeaders().firstValue("Retry-After")).isPresent();
  }

  @Pact(consumer = CONSUMER)
  V4Pact failing(PactDslWithProvider builder) {
    return refusedCreate(builder, STATE_FAILING, "a request to start a conversation while the API fails", 500,
        "Internal Server Error");
  }

  @Test
  @PactTestFor(pactMethod = "failing")
  void seesTheServiceFailureAsAProblem(MockServer mockServer) {
    ApiException e = refusedWithClient(mockServer);

    assertThat(e.getCode()).isEqualTo(500);
    assertThat(problemOf(e).getStatus()).isEqualTo(500);
  }
}
