package io.github.ccmessaging.spec;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The document parses without a single error or warning, as written and fully resolved. */
class SpecParsesTest {

    @Test
    void parsesAsWrittenWithoutMessages() {
        SwaggerParseResult result = Spec.parse();
        assertThat(result.getMessages()).as("parser errors and warnings").isNullOrEmpty();
        OpenAPI api = result.getOpenAPI();
        assertThat(api).isNotNull();
        assertThat(api.getOpenapi()).isEqualTo("3.0.3");
        assertThat(api.getPaths()).containsKeys(
                "/api/v1.0/consumer/conversation/create",
                "/api/v1.0/consumer/conversation/{conversationId}");
    }

    @Test
    void parsesFullyResolvedWithoutMessages() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(Spec.text(), null, options);
        assertThat(result.getMessages()).as("parser errors and warnings").isNullOrEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
    }

    @Test
    void theValidatorLoadsIt() {
        assertThat(Spec.validator()).isNotNull();
    }
}
