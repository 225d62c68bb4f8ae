package io.github.ccmessaging.contract.pactspec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import au.com.dius.pact.consumer.ConsumerPactBuilder;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.core.model.DefaultPactWriter;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every interaction of every pact the consumer tests wrote (folder {@code pact.rootDir}) must be allowed by the
 * OpenAPI document of its provider ({@code messaging.webhook.spec} for the webhook pacts, {@code messaging.spec} for
 * the others): a pact that the document contradicts would let the client and the server agree with each other while
 * both break the published contract.
 *
 * <p>Runs after the consumer tests (Surefire execution {@code verify-pacts}).
 */
class PactsConformToOpenApiDocumentTest {

  private static final String CHANNEL_ID = "c0ffee00-0000-4000-8000-000000000001";
  private static final String ORGANIZATION_ID = "c0ffee00-0000-4000-8000-000000000002";
  private static final String CONVERSATION_PATH =
      "/api/v1.0/consumer/conversation/9a1c3c0e-52f7-4b5e-9c6a-3f2d1e0b8a77";

  private static final String CONVERSATION_ID = "9a1c3c0e-52f7-4b5e-9c6a-3f2d1e0b8a77";
  private static final String ACTIVITIES_PATH = "/v3/conversations/" + CONVERSATION_ID + "/activities";

  private final PactSpecChecker checker = new PactSpecChecker(PactSpecChecker.specFromSystemProperty());
  private final PactSpecChecker webhookChecker = new PactSpecChecker(PactSpecChecker.webhookSpecFromSystemProperty());

  @Test
  void everyInteractionOfEveryPactConformsToTheOpenApiDocument() throws IOException {
    Path pactDir = PactSpecChecker.pactDirFromSystemProperty();
    List<Path> pactFiles = PactSpecChecker.pactFilesIn(pactDir);
    assertThat(pactFiles)
        .as("pact files in %s (the consumer tests write them; run them first)", pactDir.toAbsolutePath())
        .isNotEmpty();

    PactSpecChecker.Result result = PactSpecChecker.checkByProvider(pactFiles, checker, webhookChecker);

    assertThat(result.pactFiles()).as("pact files checked").isEqualTo(pactFiles.size());
    assertThat(result.interactions()).as("interactions validated in %s", PactSpecChecker.summary(pactFiles))
        .isPositive();
    if (result.hasErrors()) {
      fail("pacts contradict the OpenAPI document: " + result);
    }
  }

  @Test
  void reportsInteractionsThatContradictTheDocument(@TempDir Path dir) throws IOException {
    PactDslJsonBody textMessage = new PactDslJsonBody()
        .stringValue("type", "message")
        .stringValue("channelId", CHANNEL_ID)
        .stringValue("text", "Hello");
    Map<String, String> headers = Map.of(
        "channel-id", CHANNEL_ID,
        "organization-id", ORGANIZATION_ID,
        "Authorization", "Bearer emulator-dev-token",
        "Content-Type", "application/json");
    Map<String, String> headersWithoutToken = Map.of(
        "channel-id", CHANNEL_ID,
        "organization-id", ORGANIZATION_ID,
        "Content-Type", "application/json");
    Map<String, String> headersWithoutChannelId = Map.of(
        "organization-id", ORGANIZATION_ID,
        "Authorization", "Bearer emulator-dev-token",
        "Content-Type", "application/json");

    V4Pact pact = ConsumerPactBuilder.consumer("contradicting-channel").hasPactWith("messaging-api")
        .uponReceiving("a valid text message")
          .method("POST").path(CONVERSATION_PATH).headers(headers).body(textMessage)
        .willRespondWith()
          .status(200).body(new PactDslJsonBody().stringValue("messageId", "1745323200123"))
        .uponReceiving("a text message answered with a messageId that is not 13 digits")
          .method("POST").path(CONVERSATION_PATH).headers(headers).body(textMessage)
        .willRespondWith()
          .status(200).body(new PactDslJsonBody().stringValue("messageId", "abc"))
        .uponReceiving("a text message without the channel-id header")
          .method("POST").path(CONVERSATION_PATH).headers(headersWithoutChannelId).body(textMessage)
        .willRespondWith()
          .status(200).body(new PactDslJsonBody().stringValue("messageId", "1745323200124"))
        .uponReceiving("a text message without a bearer token that is accepted")
          .method("POST").path(CONVERSATION_PATH).headers(headersWithoutToken).body(textMessage)
        .willRespondWith()
          .status(200).body(new PactDslJsonBody().stringValue("messageId", "1745323200126"))
        .uponReceiving("a text of 6001 characters that is accepted")
          .method("POST").path(CONVERSATION_PATH).headers(headers)
          .body(new PactDslJsonBody()
              .stringValue("type", "message")
              .stringValue("channelId", CHANNEL_ID)
              .stringValue("text", "x".repeat(6001)))
        .willRespondWith()
          .status(200).body(new PactDslJsonBody().stringValue("messageId", "1745323200125"))
        .uponReceiving("a problem without the required title")
          .method("POST").path(CONVERSATION_PATH).headers(headers)
          .body(new PactDslJsonBody().stringValue("type", "message").stringValue("channelId", CHANNEL_ID))
        .willRespondWith()
          .status(400)
          .headers(Map.of("Content-Type", "application/problem+json"))
          .body(new PactDslJsonBody().numberValue("status", 400).numberValue("errorCode", 30016))
        .uponReceiving("a text of 6001 characters that is rejected with 30011")
          .method("POST").path(CONVERSATION_PATH).headers(headers)
          .body(new PactDslJsonBody()
              .stringValue("type", "message")
              .stringValue("channelId", CHANNEL_ID)
              .stringValue("text", "x".repeat(6001)))
        .willRespondWith()
          .status(400)
          .headers(Map.of("Content-Type", "application/problem+json"))
          .body(new PactDslJsonBody()
              .numberValue("status", 400).stringValue("title", "Text too long").numberValue("errorCode", 30011))
        .uponReceiving("a create on the undocumented plural path that is rejected with 400")
          .method("POST").path("/api/v1.0/consumer/conversations/create").headers(headers)
          .body(new PactDslJsonBody())
        .willRespondWith()
          .status(400)
          .headers(Map.of("Content-Type", "application/problem+json"))
          .body(new PactDslJsonBody()
              .numberValue("status", 400).stringValue("title", "Bad request").numberValue("errorCode", 30012))
        .toPact(V4Pact.class);
    Path pactFile = dir.resolve("contradicting-channel-messaging-api.json");
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(pactFile, StandardCharsets.UTF_8))) {
      DefaultPactWriter.INSTANCE.writePact(pact, out, PactSpecVersion.V4);
    }

    PactSpecChecker.Result result = checker.check(List.of(pactFile));

    assertThat(result.interactions()).isEqualTo(8);
    assertThat(result.hasErrors()).as("report: %s", result).isTrue();
    assertThat(result.report())
        .contains("'a text message without a bearer token that is accepted'")
        .contains("validation.request.security.missing")
        .contains("'a text message answered with a messageId that is not 13 digits'")
        .contains("validation.response.body.schema.pattern")
        .contains("'a text message without the channel-id header'")
        .contains("validation.request.parameter.header.missing")
        .contains("'a text of 6001 characters that is accepted'")
        .contains("'a problem without the required title'")
        .contains("validation.response.body.schema.required")
        .contains("'a create on the undocumented plural path that is rejected with 400'")
        .contains("validation.request.path.missing")
        .as("a request that breaks the body schema is allowed when the interaction expects 400")
        .doesNotContain("'a text of 6001 characters that is rejected with 30011'")
        .doesNotContain("'a valid text message'");
  }

  @Test
  void reportsWebhookInteractionsThatContradictTheWebhookDocument(@TempDir Path dir) throws IOException {
    Map<String, String> headers = Map.of(
        "Authorization", "Bearer webhook-secret",
        "Content-Type", "application/json");
    V4Pact pact = ConsumerPactBuilder.consumer("contradicting-server").hasPactWith(PactSpecChecker.WEBHOOK_PROVIDER)
        .uponReceiving("a valid agent message")
          .method("POST").path(ACTIVITIES_PATH).headers(headers).body(webhookActivity("1745323200456")
              .stringValue("textFormat", "markdown").stringValue("text", "hello"))
        .willRespondWith()
          .status(200)
        .uponReceiving("an activity whose id is not 13 digits")
          .method("POST").path(ACTIVITIES_PATH).headers(headers).body(webhookActivity("abc"))
        .willRespondWith()
          .status(200)
        .uponReceiving("a system event with an undocumented name")
          .method("POST").path(ACTIVITIES_PATH).headers(headers).body(webhookActivity("1745323200457")
              .stringValue("name", "AgentWentHome").stringValue("text", "EventName: **_AgentWentHome_**"))
        .willRespondWith()
          .status(200)
        .uponReceiving("an activity without its conversation")
          .method("POST").path(ACTIVITIES_PATH).headers(headers).body(new PactDslJsonBody()
              .stringValue("type", "typing").stringValue("id", "1745323200458"))
        .willRespondWith()
          .status(200)
        .uponReceiving("an activity posted to an undocumented path")
          .method("POST").path("/v3/conversations/" + CONVERSATION_ID + "/messages").headers(headers)
          .body(webhookActivity("1745323200460"))
        .willRespondWith()
          .status(200)
        .toPact(V4Pact.class);
    Path pactFile = dir.resolve("contradicting-server-" + PactSpecChecker.WEBHOOK_PROVIDER + ".json");
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(pactFile, StandardCharsets.UTF_8))) {
      DefaultPactWriter.INSTANCE.writePact(pact, out, PactSpecVersion.V4);
    }

    PactSpecChecker.Result result = PactSpecChecker.checkByProvider(List.of(pactFile), checker, webhookChecker);

    assertThat(result.interactions()).isEqualTo(5);
    assertThat(result.hasErrors()).as("report: %s", result).isTrue();
    assertThat(result.report())
        .contains("'an activity whose id is not 13 digits'")
        .contains("validation.request.body.schema.pattern")
        .contains("'a system event with an undocumented name'")
        .contains("validation.request.body.schema.enum")
        .contains("'an activity without its conversation'")
        .contains("validation.request.body.schema.required")
        .contains("'an activity posted to an undocumented path'")
        .contains("validation.request.path.missing")
        .as("checked against the webhook document, where the activities path exists")
        .doesNotContain("'a valid agent message'");
  }

  private static PactDslJsonBody webhookActivity(String id) {
    return new PactDslJsonBody()
        .stringValue("type", "message")
        .stringValue("id", id)
        .stringValue("channelId", CHANNEL_ID)
        .stringValue("timestamp", "2025-04-15T12:37:00.4560000Z")
        .object("conversation")
          .stringValue("id", CONVERSATION_ID)
        .closeObject().asBody();
  }
}
