package io.github.ccmessaging.contract.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ccmessaging.client.EntraClientCredentials;
import io.github.ccmessaging.client.EntraTokenException;
import io.github.ccmessaging.client.MessagingApiException;
import io.github.ccmessaging.client.MessagingClient;
import io.github.ccmessaging.server.MessagingServer;
import io.github.ccmessaging.server.ServerSettings;
import io.github.ccmessaging.server.auth.JwtSettings;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client's Entra client-credentials flow against a local Entra stand-in, and the server validating the
 * tokens it issues through the stand-in's JWKS URL: the whole path of a real deployment, on loopback.
 */
class EntraTokenEndToEndTest {
    private static final String CHANNEL = ServerSettings.DEV_CHANNEL_ID;
    private static final String ORGANIZATION = ServerSettings.DEV_ORGANIZATION_ID;
    private static final String SCOPE = EntraClientCredentials.scopeFor(ORGANIZATION, "crm");
    private static final String CHANNEL_APP = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";
    private static final String OTHER_APP = "7a2d3c4b-5e6f-4a70-9b8c-0d1e2f3a4b5c";

    private static FakeEntra entra;
    private static MessagingServer server;

    @BeforeAll
    static void start() {
        entra = new FakeEntra().client(CHANNEL_APP, "channel-app-secret").client(OTHER_APP, "other-app-secret");
        String audience = SCOPE.substring(0, SCOPE.length() - "/.default".length());
        server = MessagingServer.start(ServerSettings.builder().port(0).requestLog(false).jwt(new JwtSettings(
                FakeEntra.ISSUER, audience, entra.jwksUrl(), null, Map.of(CHANNEL_APP, Set.of(CHANNEL)))).build());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (entra != null) {
            entra.close();
        }
    }

    private static MessagingClient clientOf(String clientId, String secret) {
        EntraClientCredentials tokens = EntraClientCredentials.builder().tokenEndpoint(entra.tokenEndpoint())
                .clientId(clientId).clientSecret(secret).scope(SCOPE).build();
        return MessagingClient.builder().baseUri(server.baseUri()).channelId(CHANNEL).organizationId(ORGANIZATION)
                .tokenSupplier(tokens).build();
    }

    @Test
    void theChannelsAppTalksToTheServerWithAnEntraToken() {
        MessagingClient client = clientOf(CHANNEL_APP, "channel-app-secret");
        int issuedBefore = entra.tokensIssued();

        String conversationId = client.createConversation().getConversationId();
        String messageId = client.sendMessage(conversationId, "Where is my order?");

        assertThat(messageId).matches("\\d{13}");
        assertThat(entra.tokensIssued() - issuedBefore).isEqualTo(1);
    }

    @Test
    void anAppNotMappedToTheChannelGets401() {
        MessagingClient client = clientOf(OTHER_APP, "other-app-secret");

        assertThatThrownBy(client::createConversation)
                .isInstanceOfSatisfying(MessagingApiException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void aWrongClientSecretFailsAtEntraBeforeAnyApiCall() {
        MessagingClient client = clientOf(CHANNEL_APP, "wrong-secret");

        assertThatThrownBy(client::createConversation)
                .isInstanceOfSatisfying(EntraTokenException.class,
                        e -> assertThat(e.error()).contains("invalid_client"))
                .hasMessageNotContaining("wrong-secret");
    }
}
