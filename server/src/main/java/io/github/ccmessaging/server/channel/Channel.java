package io.github.ccmessaging.server.channel;

import java.util.Locale;

/**
 * A custom messaging channel the server serves.
 *
 * @param channelId the channel's GUID (lower case)
 * @param organizationId the GUID of the organization it belongs to (lower case)
 * @param token the static bearer token that may use it
 * @param webhookUrl the base URL of the channel's webhook, or null when the representative's side goes nowhere
 * @param webhookToken the bearer token sent to the webhook (null: the channel's token)
 */
public record Channel(String channelId, String organizationId, String token, String webhookUrl, String webhookToken) {

    public Channel {
        if (!Guids.isGuid(channelId) || !Guids.isGuid(organizationId)) {
            throw new IllegalArgumentException("The channel id and the organization id must be GUIDs.");
        }
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("The channel's token must not be blank.");
        }
        channelId = channelId.toLowerCase(Locale.ROOT);
        organizationId = organizationId.toLowerCase(Locale.ROOT);
    }

    /** A channel without a webhook. */
    public Channel(String channelId, String organizationId, String token) {
        this(channelId, organizationId, token, null, null);
    }

    /** The token sent to the webhook. */
    public String effectiveWebhookToken() {
        return webhookToken == null ? token : webhookToken;
    }
}
