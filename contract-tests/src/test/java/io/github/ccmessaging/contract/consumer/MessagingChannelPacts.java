package io.github.ccmessaging.contract.consumer;

import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.ccmessaging.client.api.ConversationsApi;
import io.github.ccmessaging.client.invoker.ApiClient;
import io.github.ccmessaging.client.invoker.ApiException;
import io.github.ccmessaging.client.model.Problem;
import io.github.ccmessaging.server.channel.Guids;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the consumer tests of the custom messaging channel share: the names of the pact's parties and of the
 * provider states, the emulator's well-known development channel, and the generated client pointed at the Pact
 * mock server.
 *
 * <p>The provider states are states of the emulator's catalogue, spelled exactly as it documents them; the values a
 * state returns ({@code conversationId}, {@code messageId}) are injected into the request path and body.
 */
final class MessagingChannelPacts {

  static final String CONSUMER = "custom-channel";
  static final String PROVIDER = "messaging-api";

  /** The emulator's well-known development channel. */
  static final String CHANNEL_ID = "c0ffee00-0000-4000-8000-000000000001";
  static final String ORGANIZATION_ID = "c0ffee00-0000-4000-8000-000000000002";
  static final String DEV_TOKEN = "emulator-dev-token";
  static final String WRONG_TOKEN = "not-the-channel-token";

  // States of the emulator's provider-state catalogue (POST /emulator/pact/provider-states), which the provider
  // verification reaches through its state change URL. An interaction without state needs none.
  static final String STATE_CONVERSATION_EXISTS = "a conversation exists";
  static final String STATE_CONVERSATION_CLOSED = "the conversation is closed";
  static final String STATE_REPRESENTATIVE_MESSAGE = "the representative has sent a message";
  static final String STATE_CUSTOMER_CONVERSATION = "the customer has a conversation";
  static final String STATE_LATER_CONVERSATION = "another conversation was created after it";
  static final String STATE_RATE_LIMITED = "the API is rate limited";
  static final String STATE_UNAVAILABLE = "the API is unavailable";
  static final String STATE_FAILING = "the API fails";

  /** Provider-state expression and the example used by the consumer test (the spec's example id). */
  static final String CONVERSATION_ID_EXPRESSION = "${conversationId}";
  static final String EXAMPLE_CONVERSATION_ID = "9a1c3c0e-52f7-4b5e-9c6a-3f2d1e0b8a77";
  static final String CONVERSATION_PATH_EXPRESSION = "/api/v1.0/consumer/conversation/" + CONVERSATION_ID_EXPRESSION;
  static final String EXAMPLE_CONVERSATION_PATH = "/api/v1.0/consumer/conversation/" + EXAMPLE_CONVERSATION_ID;
  static final String CREATE_PATH = "/api/v1.0/consumer/conversation/create";

  static final String MESSAGE_ID_REGEX = "^[0-9]{13}$";
  static final String EXAMPLE_MESSAGE_ID = "1745323200123";
  static final Pattern MESSAGE_ID = Pattern.compile(MESSAGE_ID_REGEX);
  /** The document's GUID syntax, from the one copy the project's code holds (tested against the document). */
  static final Pattern UUID = Pattern.compile(Guids.PATTERN);

  static final String PROBLEM_JSON = "application/problem+json";
  /** The provider may add parameters (e.g. a charset) to the problem media type. */
  static final String PROBLEM_JSON_REGEX = "application/problem\\+json(;.*)?";

  private MessagingChannelPacts() {
  }

  /** Request headers of every call; the bearer token is set by the client's request interceptor. */
  static Map<String, String> requestHeaders(String token) {
    return Map.of(
        "channel-id", CHANNEL_ID,
        "organization-id", ORGANIZATION_ID,
        "Authorization", "Bearer " + token,
        "Content-Type", "application/json");
  }

  /** The generated client, pinned to HTTP/1.1, sending {@code Authorization: Bearer <token>}. */
  static ConversationsApi conversationsApi(String baseUri, String token) {
    ApiClient apiClient = new ApiClient(
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1),
        ApiClient.createDefaultObjectMapper(),
        baseUri);
    apiClient.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
    return new ConversationsApi(apiClient);
  }

  /** Parses the problem+json body of a failed call with the client's own model. */
  static Problem problemOf(ApiException e) {
    try {
      return ApiClient.createDefaultObjectMapper().readValue(e.getResponseBody(), Problem.class);
    } catch (JsonProcessingException ex) {
      throw new AssertionError("not a problem+json body: " + e.getResponseBody(), ex);
    }
  }

  /** {@code conversation: {id: <the state's conversation>}}, as the body must name the path's conversation. */
  static PactDslJsonBody withConversation(PactDslJsonBody body) {
    return body.object("conversation")
        .valueFromProviderState("id", CONVERSATION_ID_EXPRESSION, EXAMPLE_CONVERSATION_ID)
        .closeObject()
        .asBody();
  }

  /** A problem+json body with the documented error code. */
  static PactDslJsonBody problem(int status, String exampleTitle, int errorCode) {
    return problem(status, exampleTitle).numberValue("errorCode", errorCode);
  }

  /** A problem+json body without error code. */
  static PactDslJsonBody problem(int status, String exampleTitle) {
    return new PactDslJsonBody()
        .numberValue("status", status)
        .stringType("title", exampleTitle);
  }
}
