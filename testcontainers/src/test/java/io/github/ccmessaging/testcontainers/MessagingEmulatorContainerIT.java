package io.github.ccmessaging.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.sun.net.httpserver.HttpServer;
import io.github.ccmessaging.client.MessagingApiException;
import io.github.ccmessaging.client.MessagingClient;
import io.github.ccmessaging.client.model.ConversationMessage;
import io.github.ccmessaging.client.webhook.ReceivedActivity;
import io.github.ccmessaging.client.webhook.WebhookReceiver;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One {@link MessagingEmulatorContainer}, started by Testcontainers on the engine at {@code DOCKER_HOST}, with its
 * own channel, a webhook on this host and the in-memory store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessagingEmulatorContainerIT {

    static final String CHANNEL_ID = "5e1f0000-0000-4000-8000-0000000000aa";
    static final String ORGANIZATION_ID = "5e1f0000-0000-4000-8000-0000000000bb";
    static final String TOKEN = "testcontainers-token";
    static final String WEBHOOK_TOKEN = "webhook-secret";

    private final LinkedBlockingQueue<ReceivedActivity> delivered = new LinkedBlockingQueue<>();
    private HttpServer webhook;
    private DockerClient docker;
    private MessagingEmulatorContainer emulator;

    @BeforeAll
    void startTheEmulatorWithAWebhookOnThisHost() throws Exception {
        docker = ContainerEngineUnderTest.withImageLoadedOrNull();
        if (docker == null) {
            return;
        }
        // on every address: the container reaches the host through its bridge, not through 127.0.0.1
        webhook = HttpServer.create(new InetSocketAddress(0), 0);
        webhook.createContext("/webhook", WebhookReceiver.builder().bearerToken(WEBHOOK_TOKEN).build()
                .httpHandler(delivered::add));
        webhook.start();
        String host = ContainerEngineUnderTest.isPodman(docker) ? "host.containers.internal" : "host.docker.internal";
        emulator = new MessagingEmulatorContainer()
                .withChannel(CHANNEL_ID, ORGANIZATION_ID, TOKEN)
                .withWebhook("http://" + host + ":" + webhook.getAddress().getPort() + "/webhook", WEBHOOK_TOKEN)
                .withInMemoryStore();
        if (!ContainerEngineUnderTest.isPodman(docker)) {
            emulator.withExtraHost("host.docker.internal", "host-gateway");
        }
        emulator.start();
    }

    @BeforeEach
    void skipOrFailWithoutAnEngine() {
        ContainerEngineUnderTest.refuseWithout(docker);
    }

    @AfterAll
    void stop() {
        if (emulator != null) {
            emulator.stop();
        }
        if (webhook != null) {
            webhook.stop(0);
        }
    }

    @Test
    void clientSendsTheCustomersSideAsTheChannelGivenToWithChannel() {
        MessagingClient client = emulator.client();

        String conversationId = client.createConversation().getConversationId();
        client.sendMessage(conversationId, "Where is my order?");

        assertThat(client.messages(conversationId).map(ConversationMessage::getText))
                .containsExactly("Where is my order?");
    }

    @Test
    void theDevelopmentChannelIsNotServedOnceWithChannelReplacedIt() {
        MessagingClient devChannel = MessagingClient.builder().baseUri(emulator.getBaseUri())
                .channelId(MessagingEmulatorContainer.DEV_CHANNEL_ID)
                .organizationId(MessagingEmulatorContainer.DEV_ORGANIZATION_ID)
                .token(MessagingEmulatorContainer.DEV_TOKEN).build();

        assertThatThrownBy(devChannel::createConversation)
                .isInstanceOfSatisfying(MessagingApiException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void emulatorPlaysTheRepresentativeWhoseActivitiesReachTheWebhookOnTheHost() throws InterruptedException {
        String conversationId = emulator.client().createConversation().getConversationId();

        emulator.emulator().accept(conversationId);
        emulator.emulator().sendAsRepresentative(conversationId, "It ships today.");

        List<String> received = new ArrayList<>();
        while (received.size() < 3) {
            ReceivedActivity activity = delivered.poll(60, TimeUnit.SECONDS);
            assertThat(activity).as("webhook deliveries so far: %s", received).isNotNull();
            if (activity.conversationId().equals(conversationId)) {
                received.add(activity.type() + (activity.name() == null ? "" : ":" + activity.name()));
            }
        }
        assertThat(received).containsExactly("message:AgentAccepted", "message:AgentAssigned", "message");
    }

    @Test
    void baseUriAnswersHealthOnTheMappedPort() throws Exception {
        URI baseUri = emulator.getBaseUri();
        HttpResponse<String> health = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(baseUri.resolve("/health")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(baseUri.getPort()).isEqualTo(emulator.getMappedPort(MessagingEmulatorContainer.PORT));
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void keepsStateInMemoryWhenAskedTo() {
        assertThat(emulator.getLogs()).containsPattern("state kept in: +memory");
    }
}
