package io.github.ccmessaging.client;

import static io.github.ccmessaging.client.MessagingClientRequestsTest.CHANNEL;
import static io.github.ccmessaging.client.MessagingClientRequestsTest.ORGANIZATION;
import static io.github.ccmessaging.client.MessagingClientRequestsTest.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessagingClientBuilderTest {

    private static final URI BASE = URI.create("http://localhost:8080");

    @Test
    void buildsWithAllRequiredValues() {
        MessagingClient client = MessagingClient.builder()
                .baseUri(BASE).channelId(CHANNEL).organizationId(ORGANIZATION).token(TOKEN).build();

        assertThat(client).isNotNull();
    }

    @Test
    void rejectsMissingBaseUri() {
        assertThatThrownBy(() -> MessagingClient.builder()
                .channelId(CHANNEL).organizationId(ORGANIZATION).token(TOKEN).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("baseUri is required");
    }

    @Test
    void rejectsMissingChannelId() {
        assertThatThrownBy(() -> MessagingClient.builder()
                .baseUri(BASE).organizationId(ORGANIZATION).token(TOKEN).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("channelId is required");
    }

    @Test
    void rejectsMissingOrganizationId() {
        assertThatThrownBy(() -> MessagingClient.builder()
                .baseUri(BASE).channelId(CHANNEL).token(TOKEN).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("organizationId is required");
    }

    @Test
    void rejectsMissingToken() {
        assertThatThrownBy(() -> MessagingClient.builder()
                .baseUri(BASE).channelId(CHANNEL).organizationId(ORGANIZATION).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("token is required");
    }

    @Test
    void rejectsBlankValues() {
        assertThatThrownBy(() -> MessagingClient.builder()
                .baseUri(BASE).channelId(" ").organizationId(ORGANIZATION).token(TOKEN).build())
                .hasMessageContaining("channelId is required");
        assertThatThrownBy(() -> MessagingClient.builder()
                .baseUri(BASE).channelId(CHANNEL).organizationId("").token(TOKEN).build())
                .hasMessageContaining("organizationId is required");
        assertThatThrownBy(() -> MessagingClient.builder()
                .baseUri(BASE).channelId(CHANNEL).organizationId(ORGANIZATION).token(" ").build())
                .hasMessageContaining("token is required");
    }

    @Test
    void tokenSupplierReplacesMissingToken() {
        MessagingClient client = MessagingClient.builder()
                .baseUri(BASE).channelId(CHANNEL).organizationId(ORGANIZATION).tokenSupplier(() -> TOKEN).build();

        assertThat(client).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:8080", "/api", "ftp://localhost", "http://localhost:8080/?x=1",
            "http://localhost:8080/#top", "http://user:secret@localhost:8080"})
    void rejectsBaseUriThatIsNotAPlainHttpUri(String uri) {
        assertThatThrownBy(() -> MessagingClient.builder().baseUri(URI.create(uri)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("baseUri");
    }

    @Test
    void rejectsNonPositiveTimeouts() {
        assertThatThrownBy(() -> MessagingClient.builder().requestTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestTimeout");
        assertThatThrownBy(() -> MessagingClient.builder().connectTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connectTimeout");
    }
}
