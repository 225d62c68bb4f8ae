package io.github.ccmessaging.contract.webhook.consumer;

import io.github.ccmessaging.client.EmulatorClient;
import io.github.ccmessaging.client.MessagingClient;
import io.github.ccmessaging.client.model.DeliveryOutcome;
import io.github.ccmessaging.client.model.TranscriptEntry;
import io.github.ccmessaging.server.MessagingServer;
import io.github.ccmessaging.server.ServerSettings;
import io.github.ccmessaging.server.channel.Channel;
import io.github.ccmessaging.server.webhook.WebhookPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The real server, in-process on a free loopback port, whose development channel's webhook is the Pact mock
 * server; with a client of that channel to drive it through the consumer API and the emulator API.
 *
 * <p>The dispatcher delivers asynchronously and, here, does not retry: a request the mock does not expect is
 * answered with an error and the delivery shows as failed in the transcript at once.
 */
final class ServerWithWebhook implements AutoCloseable {

  /** One attempt of the documented 10 s, no retry: a request the mock does not expect is not worth repeating. */
  private static final WebhookPolicy ONE_ATTEMPT = new WebhookPolicy(Duration.ofSeconds(10), 0, Duration.ZERO);
  /** Generous, for a loaded build machine; a delivery to the local mock takes milliseconds. */
  private static final Duration DELIVERY_WAIT = Duration.ofSeconds(30);
  private static final long POLL_MILLIS = 25;

  private final MessagingServer server;
  private final MessagingClient api;

  private ServerWithWebhook(MessagingServer server) {
    this.server = server;
    this.api = MessagingClient.builder()
        .baseUri(server.baseUri())
        .channelId(WebhookPacts.CHANNEL_ID)
        .organizationId(WebhookPacts.ORGANIZATION_ID)
        .token(WebhookPacts.DEV_TOKEN)
        .build();
  }

  /** Starts a server whose development channel delivers to {@code webhookUrl} with the webhook token. */
  static ServerWithWebhook start(String webhookUrl) {
    Channel dev = new Channel(WebhookPacts.CHANNEL_ID, WebhookPacts.ORGANIZATION_ID, WebhookPacts.DEV_TOKEN,
        webhookUrl, WebhookPacts.WEBHOOK_TOKEN);
    return new ServerWithWebhook(MessagingServer.start(ServerSettings.builder().port(0).requestLog(false)
        .channel(dev).webhooks(ONE_ATTEMPT).build()));
  }

  /** Starts a conversation through the consumer API; nothing is delivered to the webhook for it. */
  String newConversation() {
    return api.createConversation().getConversationId();
  }

  EmulatorClient emulator() {
    return api.emulator();
  }

  /**
   * Waits (boundedly) until the deliveries of these activities are finished, then checks that each was delivered
   * — the webhook answered 2xx, which the mock does only for a request it expects — and that the conversation had
   * no other delivery.
   */
  void awaitDelivered(String conversationId, List<String> messageIds) throws InterruptedException {
    long deadline = System.nanoTime() + DELIVERY_WAIT.toNanos();
    List<TranscriptEntry> delivered;
    while (true) {
      delivered = deliveries(conversationId);
      boolean finished = delivered.stream()
          .filter(e -> messageIds.contains(e.getMessageId()))
          .filter(e -> e.getDelivery().getStatus() != DeliveryOutcome.StatusEnum.PENDING)
          .count() == messageIds.size();
      if (finished) {
        break;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the deliveries of " + messageIds + " did not finish within " + DELIVERY_WAIT
            + ": " + delivered);
      }
      Thread.sleep(POLL_MILLIS);
    }
    Set<String> deliveredIds = delivered.stream().map(TranscriptEntry::getMessageId).collect(Collectors.toSet());
    List<TranscriptEntry> notDelivered = delivered.stream()
        .filter(e -> e.getDelivery().getStatus() != DeliveryOutcome.StatusEnum.DELIVERED)
        .toList();
    if (!notDelivered.isEmpty() || !deliveredIds.equals(Set.copyOf(messageIds))) {
      throw new AssertionError("expected exactly " + messageIds + " to be delivered to the Pact mock server, "
          + "the transcript shows: " + delivered);
    }
  }

  /** The transcript entries of the conversation that went to the webhook. */
  private List<TranscriptEntry> deliveries(String conversationId) {
    return api.emulator().transcript(conversationId).getActivities().stream()
        .filter(e -> e.getDelivery() != null)
        .toList();
  }

  @Override
  public void close() {
    server.close();
  }
}
