package io.github.ccmessaging.contract.webhook.consumer;

import static io.github.ccmessaging.contract.webhook.consumer.WebhookPacts.*;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import io.github.ccmessaging.client.model.Attachment;
import io.github.ccmessaging.client.model.Representative;
import io.github.ccmessaging.client.model.RepresentativeActivity;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the representative sends reaches the channel's webhook: a message, a message with an attachment, typing.
 * The real server, started in-process, is driven through the emulator API and its dispatcher POSTs each activity
 * to the Pact mock server.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = PROVIDER, pactVersion = PactSpecVersion.V4)
class RepresentativeActivitiesWebhookConsumerPactTest {

  private static final String TEXT = "Your order ships **today**.";
  private static final String IMAGE_TYPE = "image/jpeg";
  private static final String IMAGE_URL = "https://contoso.example/issue.jpg";
  private static final String IMAGE_NAME = "issue (1).jpg";

  private static final Representative AGENT = new Representative().id(AGENT_ID).name(AGENT_NAME);

  @Pact(consumer = CONSUMER)
  V4Pact agentMessage(PactDslWithProvider builder) {
    return builder
        .uponReceiving("a markdown message of the representative")
          .method("POST")
          .matchPath(ACTIVITIES_PATH_REGEX, EXAMPLE_ACTIVITIES_PATH)
          .headers(deliveryHeaders())
          .body(fromAgent(activity("message"))
              .stringValue("textFormat", "markdown")
              .stringValue("text", TEXT))
        .willRespondWith()
          .status(200)
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "agentMessage")
  void deliversAMessageOfTheRepresentative(MockServer mockServer) throws InterruptedException {
    try (ServerWithWebhook server = ServerWithWebhook.start(mockServer.getUrl())) {
      String conversation = server.newConversation();

      String messageId = server.emulator().sendAsRepresentative(conversation, new RepresentativeActivity()
          .type(RepresentativeActivity.TypeEnum.MESSAGE)
          .from(AGENT)
          .textFormat(RepresentativeActivity.TextFormatEnum.MARKDOWN)
          .text(TEXT));

      server.awaitDelivered(conversation, List.of(messageId));
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact agentAttachment(PactDslWithProvider builder) {
    PactDslJsonBody body = fromAgent(activity("message"))
        .stringValue("textFormat", "markdown");
    body.array("attachments")
        .object()
          .stringValue("contentType", IMAGE_TYPE)
          .stringValue("contentUrl", IMAGE_URL)
          .nullValue("content")
          .stringValue("name", IMAGE_NAME)
          .nullValue("thumbnailUrl")
        .closeObject()
      .closeArray();
    return builder
        .uponReceiving("a message of the representative with an image attachment and no text")
          .method("POST")
          .matchPath(ACTIVITIES_PATH_REGEX, EXAMPLE_ACTIVITIES_PATH)
          .headers(deliveryHeaders())
          .body(body)
        .willRespondWith()
          .status(200)
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "agentAttachment")
  void deliversAnAttachmentOfTheRepresentative(MockServer mockServer) throws InterruptedException {
    try (ServerWithWebhook server = ServerWithWebhook.start(mockServer.getUrl())) {
      String conversation = server.newConversation();

      String messageId = server.emulator().sendAsRepresentative(conversation, new RepresentativeActivity()
          .type(RepresentativeActivity.TypeEnum.MESSAGE)
          .from(AGENT)
          .addAttachmentsItem(new Attachment().contentType(IMAGE_TYPE).contentUrl(IMAGE_URL).name(IMAGE_NAME)));

      server.awaitDelivered(conversation, List.of(messageId));
    }
  }

  @Pact(consumer = CONSUMER)
  V4Pact typing(PactDslWithProvider builder) {
    return builder
        .uponReceiving("a typing indicator of the representative")
          .method("POST")
          .matchPath(ACTIVITIES_PATH_REGEX, EXAMPLE_ACTIVITIES_PATH)
          .headers(deliveryHeaders())
          .body(activity("typing")
              .object("recipient")
                .stringType("id", EXAMPLE_CONVERSATION_ID)
              .closeObject().asBody())
        .willRespondWith()
          .status(200)
        .toPact(V4Pact.class);
  }

  @Test
  @PactTestFor(pactMethod = "typing")
  void deliversTypingOfTheRepresentative(MockServer mockServer) throws InterruptedException {
    try (ServerWithWebhook server = ServerWithWebhook.start(mockServer.getUrl())) {
      String conversation = server.newConversation();

      String messageId = server.emulator().sendTypingAsRepresentative(conversation);

      server.awaitDelivered(conversation, List.of(messageId));
    }
  }
}
