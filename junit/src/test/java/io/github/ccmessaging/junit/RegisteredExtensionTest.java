package io.github.ccmessaging.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.ccmessaging.client.MessagingApiException;
import io.github.ccmessaging.client.MessagingClient;
import io.github.ccmessaging.server.http.HttpLimits;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension configured in code with {@code @RegisterExtension}. */
class RegisteredExtensionTest {
    static final ChannelCredentials OWN_CHANNEL = new ChannelCredentials("0ddba11a-0000-4000-8000-000000000005",
            "0ddba11a-0000-4000-8000-000000000006", "own-channel-token", "own-webhook-token");

    @Nested
    class AnotherChannelAndServerSettings {
        @RegisterExtension
        static MessagingEmulatorExtension emulator = MessagingEmulatorExtension.newInstance()
                .channel(OWN_CHANNEL)
                .serverSettings(settings -> settings.limits(new HttpLimits(2_000, 0)))
                .build();

        @Test
        void theEmulatorServesThatChannelAndItsClientUsesIt(MessagingClient client, ChannelCredentials channel) {
            assertThat(channel).isEqualTo(OWN_CHANNEL);
            String id = client.createConversation().getConversationId();

            assertThat(client.sendMessage(id, "Hello")).matches("\\d{13}");
        }

        @Test
        void theDevelopmentChannelIsNotServed() {
            MessagingClient dev = ChannelCredentials.devChannel().clientBuilder(emulator.baseUri()).build();

            assertThat(catchThrowableOfType(MessagingApiException.class, dev::createConversation).status())
                    .isEqualTo(401);
        }

        @Test
        void theInboxExpectsTheChannelsWebhookTokenAndTheEmulatorSendsIt(WebhookInbox inbox) {
            String id = emulator.client().createConversation().getConversationId();
            emulator.emulator().sendAsRepresentative(id, "Hello");

            assertThat(inbox.token()).isEqualTo("own-webhook-token");
            assertThat(inbox.awaitMessage(id).activity().getText()).isEqualTo("Hello");
        }

        @Test
        void theServerSettingsAreApplied() {
            String id = emulator.client().createConversation().getConversationId();

            MessagingApiException tooLarge = catchThrowableOfType(MessagingApiException.class,
                    () -> emulator.client().sendMessage(id, "x".repeat(3_000)));

            assertThat(tooLarge.status()).isEqualTo(413);
        }
    }

    @Nested
    class AWebhookOfTheTestsOwn {
        @RegisterExtension
        static MessagingEmulatorExtension emulator = MessagingEmulatorExtension.newInstance().build();

        WebhookInbox receiver;

        @BeforeEach
        void startTheReceiver(ChannelCredentials channel) {
            receiver = WebhookInbox.start(channel.webhookToken());
            emulator.useWebhook(receiver.url());
        }

        @AfterEach
        void stopTheReceiver() {
            receiver.close();
        }

        @Test
        void getsTheDeliveriesInsteadOfTheInbox(WebhookInbox inbox) {
            String id = emulator.client().createConversation().getConversationId();

            emulator.emulator().sendAsRepresentative(id, "to the receiver");

            assertThat(receiver.awaitMessage(id).activity().getText()).isEqualTo("to the receiver");
            assertThat(inbox.received()).isEmpty();
        }

        @Test
        void keepsThemAfterAReset() {
            WebhookInbox later = WebhookInbox.start(emulator.credentials().webhookToken());
            try {
                emulator.useWebhook(later.url());
                emulator.reset();
                String id = emulator.client().createConversation().getConversationId();

                emulator.emulator().sendAsRepresentative(id, "after the reset");

                assertThat(later.awaitMessage(id).activity().getText()).isEqualTo("after the reset");
            } finally {
                later.close();
            }
        }
    }

    @Nested
    class AWebhookUrlKnownInAdvance {
        static final WebhookInbox RECEIVER = WebhookInbox.start(ChannelCredentials.DEV_WEBHOOK_TOKEN);

        @RegisterExtension
        static MessagingEmulatorExtension emulator = MessagingEmulatorExtension.newInstance()
                .webhookUrl(RECEIVER.url()).build();

        @AfterAll
        static void stopTheReceiver() {
            RECEIVER.close();
        }

        @Test
        void getsTheDeliveriesAndThereIsNoInbox() {
            String id = emulator.client().createConversation().getConversationId();

            emulator.emulator().sendAsRepresentative(id, "known in advance");

            assertThat(RECEIVER.awaitMessage(id).activity().getText()).isEqualTo("known in advance");
            assertThat(catchThrowableOfType(IllegalStateException.class, emulator::inbox))
                    .hasMessageContaining("webhookUrl");
        }

        @Test
        void theBaseUriParameterIsTheEmulatorsOwn(URI baseUri) {
            assertThat(baseUri).isEqualTo(emulator.baseUri()).isNotEqualTo(RECEIVER.url());
        }
    }
}
