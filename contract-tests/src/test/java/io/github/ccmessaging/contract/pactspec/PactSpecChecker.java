package io.github.ccmessaging.contract.pactspec;

import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.allOf;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.isRequest;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.responseStatusIs;

import au.com.dius.pact.core.model.DefaultPactReader;
import au.com.dius.pact.core.model.Pact;
import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.pact.PactProviderValidationResults;
import com.atlassian.oai.validator.pact.PactProviderValidator;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.whitelist.ValidationErrorsWhitelist;
import com.atlassian.oai.validator.whitelist.rule.WhitelistRule;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks pact files against the project's OpenAPI document with Atlassian's swagger-request-validator-pact
 * ({@link PactProviderValidator}): every interaction's request and response must be what the document allows.
 * {@link #checkByProvider} picks the document by the pact's provider: the webhook pacts (provider
 * {@value #WEBHOOK_PROVIDER}) against the webhook document, all others against the Messaging API document.
 *
 * <p>One tolerance, and only one: an interaction that <em>expects a 400</em> may send a request whose body or
 * parameters (headers, path parameters) break their schema — such interactions exist to pin down a documented
 * rejection (e.g. a text of 6,001 characters answered with 30011, a missing {@code channel-id} answered with
 * 30002). Everything else of such an interaction is still validated: the operation must exist, the content type
 * and the bearer token must be what the document asks for, and the response must conform.
 */
final class PactSpecChecker {

  /** The provider of the pacts in which the server calls the channel's webhook. */
  static final String WEBHOOK_PROVIDER = "custom-channel-webhook";

  static final String DELIBERATE_BAD_REQUEST_RULE =
      "an interaction that expects 400 may send a request body or parameter that breaks its schema";

  private static final int MAX_MESSAGE_LENGTH = 400;

  private final OpenApiInteractionValidator validator;

  PactSpecChecker(Path spec) {
    this.validator = OpenApiInteractionValidator
        .createForSpecificationUrl(spec.toUri().toString())
        .withWhitelist(ValidationErrorsWhitelist.create()
            .withRule(DELIBERATE_BAD_REQUEST_RULE, allOf(
                isRequest(),
                responseStatusIs(400),
                keyStartsWithAnyOf("validation.request.body.", "validation.request.parameter."))))
        .withCustomRequestValidation(PactSpecChecker::bearerTokenPresent)
        .build();
  }

  /**
   * The validator checks only security declared on an operation, and both documents declare their bearer scheme once
   * at the root; so the root requirement is checked here: every operation without its own {@code security: []} needs
   * an {@code Authorization: Bearer} header.
   */
  private static ValidationReport bearerTokenPresent(Request request, ApiOperation operation) {
    List<SecurityRequirement> own = operation.getOperation().getSecurity();
    if (own != null && own.isEmpty()) {
      return ValidationReport.empty();
    }
    boolean bearer = request.getHeaderValue("Authorization")
        .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7) && value.length() > 7)
        .isPresent();
    return bearer ? ValidationReport.empty() : ValidationReport.singleton(ValidationReport.Message
        .create("validation.request.security.missing", "The request has no 'Authorization: Bearer' header, which the "
            + "document's bearerAuth security requires.").build());
  }

  private static WhitelistRule keyStartsWithAnyOf(String... prefixes) {
    return (message, operation, request, response) -> {
      for (String prefix : prefixes) {
        if (message.getKey().startsWith(prefix)) {
          return true;
        }
      }
      return false;
    };
  }

  /** The spec named by the system property {@code messaging.spec}, or the module-relative default. */
  static Path specFromSystemProperty() {
    return specFromSystemProperty("messaging.spec", "messaging-api.yaml");
  }

  /** The webhook's spec named by the system property {@code messaging.webhook.spec}, or the module-relative default. */
  static Path webhookSpecFromSystemProperty() {
    return specFromSystemProperty("messaging.webhook.spec", "webhook-api.yaml");
  }

  private static Path specFromSystemProperty(String property, String defaultFileName) {
    String configured = System.getProperty(property);
    Path spec = configured == null || configured.isBlank() || configured.contains("${")
        ? Path.of("..", "api-spec", "src", "main", "resources", "openapi", defaultFileName)
        : Path.of(configured);
    if (!Files.isRegularFile(spec)) {
      throw new IllegalStateException("OpenAPI document not found: " + spec.toAbsolutePath());
    }
    return spec;
  }

  /** The pact folder named by the system property {@code pact.rootDir}, or Pact JVM's default. */
  static Path pactDirFromSystemProperty() {
    String configured = System.getProperty("pact.rootDir");
    return configured == null || configured.isBlank() || configured.contains("${")
        ? Path.of("target", "pacts")
        : Path.of(configured);
  }

  /** The {@code *.json} files directly in {@code dir}; none if it does not exist. */
  static List<Path> pactFilesIn(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
    }
  }

  /**
   * Validates every interaction of every given pact file against the document of its provider: {@code webhook} for
   * the pacts whose provider is {@value #WEBHOOK_PROVIDER}, {@code messagingApi} for all others.
   */
  static Result checkByProvider(List<Path> pactFiles, PactSpecChecker messagingApi, PactSpecChecker webhook) {
    Map<Boolean, List<Path>> byDocument = pactFiles.stream()
        .collect(Collectors.partitioningBy(file -> WEBHOOK_PROVIDER.equals(providerOf(file))));
    Result result = new Result(0, 0, false, "");
    if (!byDocument.get(false).isEmpty()) {
      result = result.plus(messagingApi.check(byDocument.get(false)));
    }
    if (!byDocument.get(true).isEmpty()) {
      result = result.plus(webhook.check(byDocument.get(true)));
    }
    return result;
  }

  private static String providerOf(Path pactFile) {
    return DefaultPactReader.INSTANCE.loadPact(pactFile.toFile()).getProvider().getName();
  }

  /** Validates every interaction of every given pact file. */
  Result check(List<Path> pactFiles) {
    PactProviderValidator.Builder builder = PactProviderValidator.createFor(validator);
    List<String> problems = new ArrayList<>();
    int interactionsInFiles = 0;
    for (Path file : pactFiles) {
      Pact pact = DefaultPactReader.INSTANCE.loadPact(file.toFile());
      interactionsInFiles += pact.getInteractions().size();
      builder.withConsumer(file.getFileName().toString(), file.toAbsolutePath().toString());
    }
    PactProviderValidationResults results = builder.build().validate();

    int validated = 0;
    StringBuilder report = new StringBuilder();
    for (PactProviderValidationResults.ConsumerResult consumer : results.getConsumerResults()) {
      for (Map.Entry<String, ValidationReport> interaction : consumer.getInteractionResults().entrySet()) {
        validated++;
        List<ValidationReport.Message> errors = interaction.getValue().getMessages().stream()
            .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
            .toList();
        if (!errors.isEmpty()) {
          report.append(consumer.getConsumerName()).append(" / '").append(interaction.getKey()).append("':\n");
          errors.forEach(m -> report.append(describe(m, "  ")));
        }
      }
    }
    if (validated != interactionsInFiles) {
      problems.add("the pact files hold " + interactionsInFiles + " interactions but " + validated
          + " were validated (duplicate descriptions, or interactions that are not HTTP request/response?)");
    }
    return new Result(pactFiles.size(), validated, results.hasErrors() || !problems.isEmpty(),
        String.join("\n", problems) + (problems.isEmpty() ? "" : "\n") + report);
  }

  private static String describe(ValidationReport.Message m, String indent) {
    String text = m.getMessage().length() <= MAX_MESSAGE_LENGTH
        ? m.getMessage()
        : m.getMessage().substring(0, MAX_MESSAGE_LENGTH) + "... (" + m.getMessage().length() + " characters)";
    StringBuilder s = new StringBuilder(indent).append("[").append(m.getKey()).append("] ")
        .append(text).append('\n');
    m.getNestedMessages().forEach(n -> s.append(describe(n, indent + "  ")));
    return s.toString();
  }

  record Result(int pactFiles, int interactions, boolean hasErrors, String report) {
    /** Both results together. */
    Result plus(Result other) {
      return new Result(pactFiles + other.pactFiles, interactions + other.interactions,
          hasErrors || other.hasErrors, report + other.report);
    }

    @Override
    public String toString() {
      return pactFiles + " pact file(s), " + interactions + " interaction(s)"
          + (hasErrors ? ", errors:\n" + report : ", no errors");
    }
  }

  static String summary(List<Path> files) {
    return files.stream().map(Path::toString).collect(Collectors.joining(", "));
  }
}
