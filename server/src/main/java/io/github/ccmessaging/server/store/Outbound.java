package io.github.ccmessaging.server.store;

/**
 * Where a representative-side activity goes: the store schedules its webhook delivery in the same step that stores
 * it (a transactional outbox), so no activity is stored without its delivery.
 *
 * @param webhookUrl the channel's webhook base URL; null when the channel has none, and the delivery fails at once
 * @param token the bearer token to send (null when there is no URL)
 */
public record Outbound(String webhookUrl, String token) {

    /** The error a delivery records at once when the channel has no webhook URL. */
    public static String noWebhookError(String channelId) {
        return "no webhook URL is registered for channel " + channelId;
    }
}
