package io.github.ccmessaging.server.store;

import java.time.Instant;

/**
 * A delivery claimed from the outbox: the activity as stored and where to send it.
 *
 * @param attempts the attempts made before this claim
 */
public record OutboxItem(String conversationId, long messageId, String webhookUrl, String token, String activityJson,
                         Instant receivedAt, int attempts) {

    // Keeps the token and the body out of logs.
    @Override
    public String toString() {
        return "OutboxItem[conversationId=" + conversationId + ", messageId=" + messageId + ", attempts=" + attempts + "]";
    }
}
