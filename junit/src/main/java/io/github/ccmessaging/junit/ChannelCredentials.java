package io.github.ccmessaging.junit;

import io.github.ccmessaging.client.MessagingClient;
import io.github.ccmessaging.server.ServerSettings;
import java.net.URI;
import java.util.Objects;

/**
 * What a channel needs to talk to the emulator, and to check what the emulator sends to its webhook. Injected into
 * test parameters and {@link FromEmulator} fields of this type, e.g. to configure the channel under test.
 *
 * <pre>{@code
 * @Test
 * void bridgeUsesTheChannel(URI baseUri, ChannelCredentials channel) {
 *     SmsBridge bridge = new SmsBridge(channel.clientBuilder(baseUri).build(), channel.webhookToken());
 * }
 * }</pre>
 *
 * @param channelId the GUID sent as {@code channel-id}
 * @param organizationId the GUID sent as {@code organization-id}
 * @param token the bearer token the channel sends to the API
 * @param webhookToken the bearer token the emulator sends to the channel's webhook
 */
public record ChannelCredentials(String channelId, String organizationId, String token, String webhookToken) {

    /**
     * The webhook token of the well-known development channel in tests: fixed and public like the channel's own
     * token, and different from it, so that a receiver checking the wrong one fails.
     */
    public static final String DEV_WEBHOOK_TOKEN = "emulator-webhook-token";

    /**
     * Checks that every member is given.
     *
     * @throws IllegalArgumentException when a member is blank
     */
    public ChannelCredentials {
        requireText(channelId, "channelId");
        requireText(organizationId, "organizationId");
        requireText(token, "token");
        requireText(webhookToken, "webhookToken");
    }

    /**
     * The emulator's well-known development channel ({@link ServerSettings#DEV_CHANNEL_ID},
     * {@link ServerSettings#DEV_ORGANIZATION_ID}, {@link ServerSettings#DEV_TOKEN}) with
     * {@link #DEV_WEBHOOK_TOKEN}.
     *
     * @return the development channel's credentials
     */
    public static ChannelCredentials devChannel() {
        return new ChannelCredentials(ServerSettings.DEV_CHANNEL_ID, ServerSettings.DEV_ORGANIZATION_ID,
                ServerSettings.DEV_TOKEN, DEV_WEBHOOK_TOKEN);
    }

    /**
     * A client builder for this channel at the given base URI, to set what the injected client leaves at its
     * defaults (timeouts, retries).
     *
     * @param baseUri the emulator's base URI
     * @return a builder with base URI, channel, organization and token set
     */
    public MessagingClient.Builder clientBuilder(URI baseUri) {
        return MessagingClient.builder().baseUri(baseUri).channelId(channelId).organizationId(organizationId)
                .token(token);
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
