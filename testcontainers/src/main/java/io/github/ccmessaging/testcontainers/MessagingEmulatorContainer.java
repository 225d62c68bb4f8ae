package io.github.ccmessaging.testcontainers;

import io.github.ccmessaging.client.EmulatorClient;
import io.github.ccmessaging.client.MessagingClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The Messaging API emulator as a Testcontainers container: the image built by this project's {@code container}
 * module, started with the well-known development channel unless {@link #withChannel(String, String, String)} says
 * otherwise, ready when {@code GET /health} answers 200.
 *
 * <pre>{@code
 * try (MessagingEmulatorContainer emulator = new MessagingEmulatorContainer()
 *         .withWebhook("http://host.containers.internal:9090/webhook")) {
 *     emulator.start();
 *     MessagingClient client = emulator.client();
 *     String conversationId = client.createConversation().getConversationId();
 *     client.sendMessage(conversationId, "Where is my order?");
 *     emulator.emulator().accept(conversationId);
 * }
 * }</pre>
 *
 * <p>Configuration goes through the server's environment variables ({@code MESSAGING_*}, see the README), so
 * {@link #withEnv(String, String)} reaches every flag the {@code with...} methods do not name.
 */
public class MessagingEmulatorContainer extends GenericContainer<MessagingEmulatorContainer> {

    /** The image of the same version as this module, as {@code mvn package} of the project builds it. */
    public static final DockerImageName DEFAULT_IMAGE = DockerImageName.parse(imageOfThisVersion());
    /** The port the server listens on inside the container. */
    public static final int PORT = 8080;
    /** The well-known development channel's id (a fixed, public value, not a secret). */
    public static final String DEV_CHANNEL_ID = "c0ffee00-0000-4000-8000-000000000001";
    /** The well-known development channel's organization id. */
    public static final String DEV_ORGANIZATION_ID = "c0ffee00-0000-4000-8000-000000000002";
    /** The well-known development channel's bearer token. */
    public static final String DEV_TOKEN = "emulator-dev-token";
    static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);

    private String channelId = DEV_CHANNEL_ID;
    private String organizationId = DEV_ORGANIZATION_ID;
    private String token = DEV_TOKEN;

    /** A container of {@link #DEFAULT_IMAGE}. */
    public MessagingEmulatorContainer() {
        this(DEFAULT_IMAGE);
    }

    /**
     * A container of another tag or copy of the emulator's image.
     *
     * @param image the image; another name must be declared with {@code asCompatibleSubstituteFor("messaging-emulator")}
     */
    public MessagingEmulatorContainer(DockerImageName image) {
        super(image);
        image.assertCompatibleWith(DockerImageName.parse(DEFAULT_IMAGE.getUnversionedPart()));
        withExposedPorts(PORT);
        waitingFor(Wait.forHttp("/health").forPort(PORT).forStatusCode(200).withStartupTimeout(STARTUP_TIMEOUT));
    }

    /**
     * Serves this channel instead of the development channel; {@link #client()} then uses it too.
     *
     * @param channelId the channel's GUID
     * @param organizationId its organization's GUID
     * @param token the static bearer token the channel must send
     * @return this container
     */
    public MessagingEmulatorContainer withChannel(String channelId, String organizationId, String token) {
        this.channelId = Objects.requireNonNull(channelId, "channelId");
        this.organizationId = Objects.requireNonNull(organizationId, "organizationId");
        this.token = Objects.requireNonNull(token, "token");
        return withEnv("MESSAGING_CHANNEL_ID", channelId).withEnv("MESSAGING_ORGANIZATION_ID", organizationId)
                .withEnv("MESSAGING_TOKEN", token);
    }

    /**
     * Sends the representative's side of every conversation to this webhook, with the channel's token as bearer
     * token. The URL is resolved inside the container: a receiver on the test's host is
     * {@code http://host.containers.internal:PORT/...} with podman, {@code http://host.docker.internal:PORT/...} with
     * Docker Desktop (with Docker Engine on Linux, add {@code withExtraHost("host.docker.internal", "host-gateway")}),
     * and must listen on an address the container reaches (not only 127.0.0.1).
     *
     * @param webhookUrl base URL; activities are POSTed to {@code {webhookUrl}/v3/conversations/{id}/activities}
     * @return this container
     */
    public MessagingEmulatorContainer withWebhook(String webhookUrl) {
        return withEnv("MESSAGING_WEBHOOK_URL", Objects.requireNonNull(webhookUrl, "webhookUrl"));
    }

    /**
     * As {@link #withWebhook(String)}, with another bearer token than the channel's.
     *
     * @param webhookUrl base URL of the webhook, as the container reaches it
     * @param webhookToken the bearer token sent to it
     * @return this container
     */
    public MessagingEmulatorContainer withWebhook(String webhookUrl, String webhookToken) {
        return withWebhook(webhookUrl)
                .withEnv("MESSAGING_WEBHOOK_TOKEN", Objects.requireNonNull(webhookToken, "webhookToken"));
    }

    /**
     * Keeps state in memory instead of the image's {@code /data} volume: starts a little faster, forgotten when the
     * container stops.
     *
     * @return this container
     */
    public MessagingEmulatorContainer withInMemoryStore() {
        return withEnv("MESSAGING_IN_MEMORY", "true");
    }

    /**
     * The server's address as the test reaches it, e.g. {@code http://localhost:32771}.
     *
     * @return the base URI of the API (paths {@code /api/v1.0/consumer/...}, {@code /emulator/...}, {@code /health})
     * @throws IllegalStateException when the container is not started
     */
    public URI getBaseUri() {
        return URI.create("http://" + getHost() + ":" + getMappedPort(PORT));
    }

    /** @return the id of the channel served ({@link #DEV_CHANNEL_ID} unless {@link #withChannel} changed it) */
    public String getChannelId() {
        return channelId;
    }

    /** @return the organization id of the channel served */
    public String getOrganizationId() {
        return organizationId;
    }

    /** @return the bearer token of the channel served */
    public String getToken() {
        return token;
    }

    /**
     * A client of the consumer API for the channel served, ready to use.
     *
     * @return a new client on {@link #getBaseUri()}
     * @throws IllegalStateException when the container is not started
     */
    public MessagingClient client() {
        return MessagingClient.builder().baseUri(getBaseUri()).channelId(channelId).organizationId(organizationId)
                .token(token).build();
    }

    /**
     * A client of the emulator's control API (the representative's side, transcripts, reset), ready to use.
     *
     * @return {@code client().emulator()}
     * @throws IllegalStateException when the container is not started
     */
    public EmulatorClient emulator() {
        return client().emulator();
    }

    private static String imageOfThisVersion() {
        Properties properties = new Properties();
        try (InputStream in = MessagingEmulatorContainer.class.getResourceAsStream("image.properties")) {
            properties.load(Objects.requireNonNull(in, "image.properties is missing from the jar"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("image");
    }
}
