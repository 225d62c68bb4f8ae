package io.github.ccmessaging.contract.webhook.consumer;

import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import java.util.Map;

/**
 * What the consumer tests of the webhook direction share. Here the <em>server</em> (Dynamics 365 Contact Center,
 * played by this project's emulator) is the consumer: it POSTs every action of the representative side to
 * {@code {webhookUrl}/v3/conversations/{conversationId}/activities} of the channel, the provider.
 *
 * <p>The pacts need no provider states: a channel's webhook accepts any conversation id.
 */
final class WebhookPacts {

  static final String CONSUMER = "messaging-api-webhook";
  static final String PROVIDER = "custom-channel-webhook";

  /** The emulator's well-known development channel, whose webhook points at the Pact mock server. */
  static final String CHANNEL_ID = "c0ffee00-0000-4000-8000-000000000001";
  static final String ORGANIZATION_ID = "c0ffee00-0000-4000-8000-000000000002";
  static final String DEV_TOKEN = "emulator-dev-token";
  /** The webhook token configured for the channel; the webhook expects it as bearer token. */
  static final String WEBHOOK_TOKEN = "webhook-secret";

  /** The webhook URL has no path prefix, so the activities path is the whole request path. */
  static final String ACTIVITIES_PATH_REGEX = "/v3/conversations/[0-9a-f-]{36}/activities";
  static final String EXAMPLE_CONVERSATION_ID = "9a1c3c0e-52f7-4b5e-9c6a-3f2d1e0b8a77";
  static final String EXAMPLE_ACTIVITIES_PATH = "/v3/conversations/" + EXAMPLE_CONVERSATION_ID + "/activities";

  static final String MESSAGE_ID_REGEX = "^[0-9]{13}$";
  static final String EXAMPLE_MESSAGE_ID = "1745323200456";
  /** Seven fractional digits in UTC, as the documented samples show them. */
  static final String TIMESTAMP_REGEX = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{7}Z$";
  static final String EXAMPLE_TIMESTAMP = "2025-04-15T12:37:00.4560000Z";

  static final String AGENT_ID = "agent-1";
  static final String AGENT_NAME = "Alex";

  private WebhookPacts() {
  }

  /** The headers of every delivery. */
  static Map<String, String> deliveryHeaders() {
    return Map.of(
        "Authorization", "Bearer " + WEBHOOK_TOKEN,
        "Content-Type", "application/json");
  }

  /**
   * The members every delivered activity carries: {@code type}, the activity's 13-digit {@code messageId} as
   * {@code id}, the channel's GUID as {@code channelId}, a {@code timestamp} and the {@code conversation}.
   */
  static PactDslJsonBody activity(String type) {
    return new PactDslJsonBody()
        .stringValue("type", type)
        .stringMatcher("id", MESSAGE_ID_REGEX, EXAMPLE_MESSAGE_ID)
        .stringValue("channelId", CHANNEL_ID)
        .stringMatcher("timestamp", TIMESTAMP_REGEX, EXAMPLE_TIMESTAMP)
        .object("conversation")
          .uuid("id", EXAMPLE_CONVERSATION_ID)
        .closeObject().asBody();
  }

  /** A system event as the project sends it: {@code type: message}, the event in {@code name} and {@code text}. */
  static PactDslJsonBody systemEvent(String name) {
    return activity("message")
        .stringValue("name", name)
        .stringValue("text", "EventName: **_" + name + "_**");
  }

  /** An event of a closing conversation, which names the representative who closes it, as the samples do. */
  static PactDslJsonBody closingEvent(String name) {
    return systemEvent(name)
        .object("from")
          .stringValue("id", AGENT_ID)
        .closeObject().asBody();
  }

  /** An activity whose sender is the representative. */
  static PactDslJsonBody fromAgent(PactDslJsonBody activity) {
    return activity
        .object("from")
          .stringValue("id", AGENT_ID)
          .stringValue("name", AGENT_NAME)
        .closeObject().asBody();
  }
}
