package io.github.ccmessaging.server.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ccmessaging.server.ApiCalls;
import io.github.ccmessaging.server.ServerSettings;
import io.github.ccmessaging.server.TestServer;
import io.github.ccmessaging.server.WebhookReceiver;
import io.github.ccmessaging.server.WebhookReceiver.Received;
import io.github.ccmessaging.server.channel.Channel;
import io.github.ccmessaging.server.webhook.WebhookPolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A channel started with a webhook and no webhook token — as {@code --webhook-url} without {@code --webhook-token}
 * starts the development channel — gets a webhook token of its own: the API token, which lets anyone act as the
 * channel, never reaches the webhook.
 */
class WebhookTokenTest {
    private WebhookReceiver webhook;
    private Channel dev;
    private TestServer server;

    @BeforeEach
    void start() {
        webhook = new WebhookReceiver();
        dev = new Channel(ServerSettings.DEV_CHANNEL_ID, ServerSettings.DEV_ORGANIZATION_ID, ServerSettings.DEV_TOKEN,
                webhook.baseUrl(), null);
        server = new TestServer(settings -> settings.webhooks(
                new WebhookPolicy(Duration.ofSeconds(2), 3, Duration.ofMillis(20))), dev);
    }

    @AfterEach
    void stop() {
        server.close();
        webhook.close();
    }

    @Test
    void aChannelWithAWebhookAndNoWebhookTokenGetsARandomOneThatIsNotItsApiToken() {
        Channel another = new Channel(ServerSettings.DEV_CHANNEL_ID, ServerSettings.DEV_ORGANIZATION_ID,
                ServerSettings.DEV_TOKEN, webhook.baseUrl(), null);

        assertThat(dev.webhookToken()).isNotBlank().isNotEqualTo(dev.token()).hasSizeGreaterThanOrEqualTo(32)
                .isNotEqualTo(another.webhookToken());
        assertThat(new Channel(ServerSettings.DEV_CHANNEL_ID, ServerSettings.DEV_ORGANIZATION_ID,
                ServerSettings.DEV_TOKEN).webhookToken()).as("no webhook, no webhook token").isNull();
    }

    @Test
    void noDeliveryOfAnyKindCarriesTheApiToken() throws InterruptedException {
        ApiCalls api = server.as(dev);
        String conversation = api.newConversation();
        String emulator = "/emulator/conversations/" + conversation;
        assertThat(api.post(emulator + "/accept", "{\"id\":\"agent-1\",\"name\":\"Alex\"}").status()).isEqualTo(200);
        assertThat(api.post(emulator + "/activities", "{\"type\":\"message\",\"text\":\"Hello\"}").status())
                .isEqualTo(200);
        assertThat(api.post(emulator + "/activities", "{\"type\":\"typing\"}").status()).isEqualTo(200);
        assertThat(api.post(emulator + "/events", "{\"name\":\"TransferToAgentInitiated\"}").status()).isEqualTo(200);
        assertThat(api.post(emulator + "/close", null).status()).isEqualTo(200);

        List<Received> received = webhook.take(7);

        assertThat(received).extracting(Received::authorization).containsOnly("Bearer " + dev.webhookToken());
        assertThat(received).allSatisfy(delivery -> assertThat(delivery.toString())
                .doesNotContain(ServerSettings.DEV_TOKEN));
    }
}
