package io.github.ccmessaging.contract.webhook.consumer;

import static io.github.ccmessaging.contract.webhook.consumer.WebhookPacts.*;
import static org.assertj.core.api.Assertions.assertThat;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The system events reach the channel's webhook, one delivery each: a representative accepting the conversation
 * ({@code AgentAccepted}, {@code AgentAssigned}) and closing it ({@code AgentEndSession}, {@code ConversationClose},
 * each naming the representative in {@code from.id}).
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = PROVIDER, pactVersion = PactSpecVersion.V4)
class SystemEventsWebhookConsumerPactTest {

  @Pact(consumer = CONSUMER)
  V4Pact accepted(PactDslWithProvider builder) {
    return builder
        .uponReceiving("the system event AgentAccepted")
          .method("POST")
          .matchPath(ACTIVITIES_PATH_REGEX, EXAMPLE_ACTIVITIES_PATH)
          .headers(deliveryHeaders())
          .body(systemEvent("AgentAccepted"))
        .willRespondWith()
          .status(200)
        .uponReceiving("the system event AgentAssigned")
          .method("POST")
          .matchPath(ACTIVITIES_PATH_REGEX, EXAMPLE_ACTIVITIES_PATH)
          .headers(deliveryHeaders())
          .body(systemEvent("AgentAssigned"))
        .willRespondWith()
          .status(200)
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "accepted")
  void deliversTheEventsOfAnAcceptedConversation(MockServer mockServer) throws InterruptedException {
    try (ServerWithWebhook server = ServerWithWebhook.start(mockServer.getUrl())) {
      String conversation = server.newConversation();

      List<String> messageIds = server.emulator().accept(conversation, AGENT_NAME);

      assertThat(messageIds).hasSize(2);
      server.awaitDelivered(conversation, messageIds);
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact closed(PactDslWithProvider builder) {
    return builder
        .uponReceiving("the system event AgentEndSession")
          .method("POST")
          .matchPath(ACTIVITIES_PATH_REGEX, EXAMPLE_ACTIVITIES_PATH)
          .headers(deliveryHeaders())
          .body(closingEvent("AgentEndSession"))
        .willRespondWith()
          .status(200)
        .uponReceiving("the system event ConversationClose")
          .method("POST")
          .matchPath(ACTIVITIES_PATH_REGEX, EXAMPLE_ACTIVITIES_PATH)
          .headers(deliveryHeaders())
          .body(closingEvent("ConversationClose"))
        .willRespondWith()
          .status(200)
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "closed")
  void deliversTheEventsOfAClosedConversation(MockServer mockServer) throws InterruptedException {
    try (ServerWithWebhook server = ServerWithWebhook.start(mockServer.getUrl())) {
      String conversation = server.newConversation();

      List<String> messageIds = server.emulator().close(conversation, AGENT_ID);

      assertThat(messageIds).hasSize(2);
      server.awaitDelivered(conversation, messageIds);
    }
  }
}
