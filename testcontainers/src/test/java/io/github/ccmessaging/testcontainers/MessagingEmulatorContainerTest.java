package io.github.ccmessaging.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.testcontainers.utility.DockerImageName;

/** What a container is told before it starts; needs no engine. */
class MessagingEmulatorContainerTest {

    @Nested
    class Image {

        @Test
        void defaultsToTheImageOfThisVersion() {
            assertThat(MessagingEmulatorContainer.DEFAULT_IMAGE.asCanonicalNameString())
                    .isEqualTo("messaging-emulator:" + System.getProperty("project.version"));
        }

        @Test
        void acceptsAnotherNameDeclaredAsASubstitute() {
            DockerImageName mirrored = DockerImageName.parse("registry.example/team/emulator:1")
                    .asCompatibleSubstituteFor("messaging-emulator");

            assertThatCode(() -> new MessagingEmulatorContainer(mirrored)).doesNotThrowAnyException();
        }

        @Test
        void refusesAnImageThatIsNotTheEmulator() {
            assertThatThrownBy(() -> new MessagingEmulatorContainer(DockerImageName.parse("postgres:16")))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("messaging-emulator");
        }
    }

    @Nested
    class Configuration {

        @Test
        void servesTheDevelopmentChannelUnlessToldOtherwise() {
            MessagingEmulatorContainer container = new MessagingEmulatorContainer();

            assertThat(container.getEnvMap()).doesNotContainKeys("MESSAGING_CHANNEL_ID", "MESSAGING_TOKEN");
            assertThat(container.getChannelId()).isEqualTo(MessagingEmulatorContainer.DEV_CHANNEL_ID);
            assertThat(container.getOrganizationId()).isEqualTo(MessagingEmulatorContainer.DEV_ORGANIZATION_ID);
            assertThat(container.getToken()).isEqualTo(MessagingEmulatorContainer.DEV_TOKEN);
        }

        @Test
        void withChannelSetsTheServersVariablesAndTheClientsCredentials() {
            MessagingEmulatorContainer container = new MessagingEmulatorContainer()
                    .withChannel("5e1f0000-0000-4000-8000-0000000000aa", "5e1f0000-0000-4000-8000-0000000000bb", "t");

            assertThat(container.getEnvMap()).containsEntry("MESSAGING_CHANNEL_ID", "5e1f0000-0000-4000-8000-0000000000aa")
                    .containsEntry("MESSAGING_ORGANIZATION_ID", "5e1f0000-0000-4000-8000-0000000000bb")
                    .containsEntry("MESSAGING_TOKEN", "t");
            assertThat(container.getChannelId()).isEqualTo("5e1f0000-0000-4000-8000-0000000000aa");
            assertThat(container.getToken()).isEqualTo("t");
        }

        @Test
        void withWebhookSetsItsUrlAndOptionallyItsOwnToken() {
            assertThat(new MessagingEmulatorContainer().withWebhook("http://host.containers.internal:9090/hook")
                    .getEnvMap()).containsEntry("MESSAGING_WEBHOOK_URL", "http://host.containers.internal:9090/hook")
                    .doesNotContainKey("MESSAGING_WEBHOOK_TOKEN");
            assertThat(new MessagingEmulatorContainer().withWebhook("http://h:1", "secret").getEnvMap())
                    .containsEntry("MESSAGING_WEBHOOK_URL", "http://h:1")
                    .containsEntry("MESSAGING_WEBHOOK_TOKEN", "secret");
        }

        @Test
        void withInMemoryStoreTurnsTheStoreFlagOnThroughItsVariable() {
            assertThat(new MessagingEmulatorContainer().withInMemoryStore().getEnvMap())
                    .containsEntry("MESSAGING_IN_MEMORY", "true");
        }

        @Test
        void exposesTheServersPortAndHasNoAddressBeforeItStarts() {
            MessagingEmulatorContainer container = new MessagingEmulatorContainer();

            assertThat(container.getExposedPorts()).containsExactly(MessagingEmulatorContainer.PORT);
            assertThatThrownBy(container::getBaseUri).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void refusesAMissingWebhookOrChannelPart() {
            MessagingEmulatorContainer container = new MessagingEmulatorContainer();

            assertThatThrownBy(() -> container.withWebhook(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> container.withChannel("c", "o", null)).isInstanceOf(NullPointerException.class);
        }
    }
}
