package io.github.ccmessaging.server.channel;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A custom messaging channel the server serves.
 *
 * @param channelId the channel's GUID (lower case)
 * @param organizationId the GUID of the organization it belongs to (lower case)
 * @param token the static bearer token that may use it
 * @param webhookUrl the base URL of the channel's webhook, or null when the representative's side goes nowhere
 * @param webhookToken the bearer token sent to the webhook, never the channel's token; given null with a webhook URL,
 *        a random one is generated; null without a webhook URL
 */
public record Channel(String channelId, String organizationId, String token, String webhookUrl, String webhookToken) {
    private static final SecureRandom RANDOM = new SecureRandom();

    public Channel {
        if (!Guids.isGuid(channelId) || !Guids.isGuid(organizationId)) {
            throw new IllegalArgumentException("The channel id and the organization id must be GUIDs.");
        }
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("The channel's token must not be blank.");
        }
        channelId = channelId.toLowerCase(Locale.ROOT);
        organizationId = organizationId.toLowerCase(Locale.ROOT);
        if (webhookToken != null && webhookToken.equals(token)) {
            throw new IllegalArgumentException("The webhook token must differ from the channel's token: the webhook "
                    + "must not learn the secret that lets anyone act as the channel.");
        }
        if (webhookUrl != null && webhookToken == null) {
            webhookToken = newWebhookToken();
        }
    }

    /** A channel without a webhook. */
    public Channel(String channelId, String organizationId, String token) {
        this(channelId, organizationId, token, null, null);
    }

    /** 192 random bits, hex. */
    private static String newWebhookToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
