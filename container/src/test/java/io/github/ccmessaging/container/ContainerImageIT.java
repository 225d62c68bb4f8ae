package io.github.ccmessaging.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ccmessaging.client.MessagingApiException;
import io.github.ccmessaging.client.MessagingClient;
import io.github.ccmessaging.client.model.ConversationMessage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The image built by this module, run by a real container engine: loaded from {@code target/jib-image.tar}, started
 * once with a named volume on {@code /data}, used through its published port, and at the end stopped and replaced by
 * a second container on the same volume.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerImageIT {

    static final String CHANNEL_ID = "c0ffee00-0000-4000-8000-000000000001";
    static final String ORGANIZATION_ID = "c0ffee00-0000-4000-8000-000000000002";
    static final String DEV_TOKEN = "emulator-dev-token";

    private final String image = System.getProperty("messaging.image.name");
    private final String run = "messaging-it-" + UUID.randomUUID().toString().substring(0, 8);
    private final String volume = run + "-data";
    private ContainerEngine engine;
    private RunningContainer first;
    private RunningContainer second;
    private String conversationId;

    @BeforeAll
    void startTheImageOnAVolume() throws Exception {
        engine = ContainerEngine.podmanOrNull();
        if (engine == null) {
            return;
        }
        Path tarball = Path.of(System.getProperty("messaging.image.tarball"));
        engine.load(tarball, Files.readString(Path.of(System.getProperty("messaging.image.id"))).strip(), image);
        first = RunningContainer.start(engine, image, run + "-first", "-v", volume + ":/data");
        System.out.printf("container start to first 200 on /health: %d ms%n", first.startTime.toMillis());
    }

    @BeforeEach
    void skipOrFailWithoutAnEngine() {
        ContainerEngine.refuseWithout(engine);
    }

    @AfterAll
    void removeContainersAndVolume() {
        if (engine == null) {
            return;
        }
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        engine.execute("volume", "rm", "-f", volume);
    }

    @Test
    @Order(1)
    void answersTheConsumerApiThroughThePublishedPort() {
        MessagingClient client = client(first.baseUri, DEV_TOKEN);

        conversationId = client.createConversation().getConversationId();
        String messageId = client.sendMessage(conversationId, "Where is my order?");

        assertThat(messageId).matches("\\d+");
        assertThat(client.messages(conversationId).map(ConversationMessage::getText))
                .containsExactly("Where is my order?");
    }

    @Test
    @Order(2)
    void runsAsTheNonRootUserOfTheImageWithoutCapabilities() {
        String processes = engine.run("top", first.name, "user", "group", "capeff", "args");

        assertThat(processes.lines().skip(1)).singleElement().satisfies(java -> assertThat(java.split("\\s+"))
                .startsWith("messaging", "root", "none", "java"));
        assertThat(engine.run("image", "inspect", "--format", "{{.Config.User}}", image)).isEqualTo("65532:0");
    }

    @Test
    @Order(3)
    void reportsHealthyThroughTheImageHealthCheck() {
        ContainerEngine.Result check = engine.execute("healthcheck", "run", first.name);

        assertThat(check.exitCode()).as(check.output()).isZero();
    }

    @Test
    @Order(4)
    void describesItselfWithOciLabelsThePortAndTheVolume() {
        String config = engine.run("image", "inspect", "--format",
                "{{index .Config.Labels \"org.opencontainers.image.title\"}}|"
                        + "{{index .Config.Labels \"org.opencontainers.image.version\"}}|"
                        + "{{range $p, $v := .Config.ExposedPorts}}{{$p}}{{end}}|"
                        + "{{range $v, $x := .Config.Volumes}}{{$v}}{{end}}", image);

        assertThat(config.split("\\|")).containsExactly("messaging-emulator",
                image.substring(image.lastIndexOf(':') + 1), "8080/tcp", "/data");
    }

    @Test
    @Order(5)
    void aNewContainerOnTheSameVolumeFindsTheConversationAndTakesItsTokenFromTheEnvironment() {
        assertThat(conversationId).as("the conversation created by the first test").isNotNull();
        first.stop();

        second = RunningContainer.start(engine, image, run + "-second", "-v", volume + ":/data",
                "-e", "MESSAGING_TOKEN=second-token");

        assertThat(client(second.baseUri, "second-token").messages(conversationId).map(ConversationMessage::getText))
                .containsExactly("Where is my order?");
        assertThatThrownBy(() -> client(second.baseUri, DEV_TOKEN).messages(conversationId).count())
                .isInstanceOfSatisfying(MessagingApiException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    private static MessagingClient client(URI baseUri, String token) {
        return MessagingClient.builder().baseUri(baseUri).channelId(CHANNEL_ID).organizationId(ORGANIZATION_ID)
                .token(token).build();
    }
}
