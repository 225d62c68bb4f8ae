package io.github.ccmessaging.contract.consumer;

import static io.github.ccmessaging.contract.consumer.MessagingChannelPacts.CHANNEL_ID;
import static io.github.ccmessaging.contract.consumer.MessagingChannelPacts.ORGANIZATION_ID;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the consumer tests of the read operations (conversation list, messages, context) add to
 * {@link MessagingChannelPacts}: their provider states, the headers of a {@code GET}, and the formats of the
 * responses.
 *
 * <p>The provider states come from the emulator's catalogue (see {@link MessagingChannelPacts}).
 */
final class ConversationQueryPacts {

  static final String CUSTOMER_MESSAGE = "Hello, I need help with my order";
  static final String CONTEXT_NAME = "orderNumber";
  static final String CONTEXT_VALUE = "A-1001";

  /** The catalogue's parameters of a conversation with the context variable and one customer message. */
  static final Map<String, Object> MESSAGE_AND_CONTEXT = Map.of(
      "customerMessage", CUSTOMER_MESSAGE,
      "context", Map.of(CONTEXT_NAME, Map.of("value", CONTEXT_VALUE, "isDisplayable", true)));

  static final String LIST_PATH = "/api/v1.0/consumer/conversations";
  /** A well-formed conversation id that no state creates. */
  static final String UNKNOWN_CONVERSATION_ID = "0badc0de-0000-4000-8000-000000000404";

  /** The documented creation timestamp: UTC with seven fractional digits. */
  static final String TIMESTAMP_REGEX = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{7}Z$";
  static final String EXAMPLE_TIMESTAMP = "2025-04-15T12:36:40.9049594Z";
  static final Pattern TIMESTAMP = Pattern.compile(TIMESTAMP_REGEX);

  private ConversationQueryPacts() {
  }

  /** Request headers of a {@code GET}: the generated client sends no {@code Content-Type} without a body. */
  static Map<String, String> queryHeaders(String token) {
    return Map.of(
        "channel-id", CHANNEL_ID,
        "organization-id", ORGANIZATION_ID,
        "Authorization", "Bearer " + token);
  }

  /** The path of a conversation's sub-resource, with the conversation id from the provider state. */
  static String conversationPathExpression(String subResource) {
    return MessagingChannelPacts.CONVERSATION_PATH_EXPRESSION + "/" + subResource;
  }

  /** The same path with the consumer test's example id. */
  static String exampleConversationPath(String subResource) {
    return MessagingChannelPacts.EXAMPLE_CONVERSATION_PATH + "/" + subResource;
  }

  /** The same path for a conversation that does not exist. */
  static String unknownConversationPath(String subResource) {
    return "/api/v1.0/consumer/conversation/" + UNKNOWN_CONVERSATION_ID + "/" + subResource;
  }
}
