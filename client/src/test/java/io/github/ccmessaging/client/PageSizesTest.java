package io.github.ccmessaging.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client's page-size constants are the OpenAPI document's (read from the working copy the client is built from). */
class PageSizesTest {
    private static JsonNode spec;

    @BeforeAll
    static void readTheDocument() throws IOException {
        String path = System.getProperty("messaging.spec");
        assertThat(path).as("system property messaging.spec (set by the build)").isNotBlank();
        spec = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(Path.of(path)));
    }

    private static JsonNode pageSize(String path) {
        for (JsonNode parameter : spec.path("paths").path(path).path("get").path("parameters")) {
            if (parameter.path("name").asText().equals("PageSize")) {
                return parameter.path("schema");
            }
        }
        throw new AssertionError("no PageSize parameter at " + path);
    }

    @Test
    void theConversationListsLimitsAreTheDocuments() {
        JsonNode pageSize = pageSize("/api/v1.0/consumer/conversations");
        assertThat(MessagingClient.MAX_CONVERSATIONS_PAGE_SIZE).isEqualTo(pageSize.path("maximum").asInt(-1));
        assertThat(MessagingClient.DEFAULT_PAGE_SIZE).isEqualTo(pageSize.path("default").asInt(-1));
        assertThat(pageSize.path("minimum").asInt(-1)).as("the client refuses less than 1").isEqualTo(1);
    }

    @Test
    void theMessageListsLimitsAreTheDocuments() {
        JsonNode pageSize = pageSize("/api/v1.0/consumer/conversation/{conversationId}/messages");
        assertThat(MessagingClient.MAX_MESSAGES_PAGE_SIZE).isEqualTo(pageSize.path("maximum").asInt(-1));
        assertThat(MessagingClient.DEFAULT_PAGE_SIZE).isEqualTo(pageSize.path("default").asInt(-1));
        assertThat(pageSize.path("minimum").asInt(-1)).as("the client refuses less than 1").isEqualTo(1);
    }
}
