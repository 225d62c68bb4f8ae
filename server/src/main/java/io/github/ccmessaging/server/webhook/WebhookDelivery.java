package io.github.ccmessaging.server.webhook;

import java.util.Objects;

/**
 * One representative-side activity to deliver to a channel's webhook.
 *
 * @param conversationId the conversation it belongs to; deliveries of one conversation keep their order
 * @param messageId the activity's 13-digit {@code messageId}
 * @param activityJson the exact JSON body to POST
 * @param webhookUrl the channel's webhook base URL; {@code /v3/conversations/{conversationId}/activities} is appended
 * @param token the bearer token sent in {@code Authorization}
 */
public record WebhookDelivery(String conversationId, long messageId, String activityJson, String webhookUrl,
                              String token) {
    public WebhookDelivery {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(activityJson, "activityJson");
        Objects.requireNonNull(webhookUrl, "webhookUrl");
        Objects.requireNonNull(token, "token");
        if (conversationId.isEmpty()) {
            throw new IllegalArgumentException("conversationId is empty");
        }
    }

    // Keeps the token and the body out of logs.
    @Override
    public String toString() {
        return "WebhookDelivery[conversationId=" + conversationId + ", messageId=" + messageId + ", webhookUrl="
                + webhookUrl + "]";
    }
}
