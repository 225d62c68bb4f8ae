package io.github.ccmessaging.server.store;

import java.time.Instant;

/**
 * A delivery claimed from the outbox: the activity as stored and where to send it.
 *
 * @param attempts the attempts made so far; once claimed, including the attempt the claim is for
 */
public record OutboxItem(String conversationId, long messageId, String webhookUrl, String token, String activityJson,
                         Instant receivedAt, int attempts) {

    /** This item as its claim leaves it: the attempt it is claimed for counted. */
    public OutboxItem claimed() {
        return new OutboxItem(conversationId, messageId, webhookUrl, token, activityJson, receivedAt, attempts + 1);
    }

    // Keeps the token and the body out of logs.
    @Override
    public String toString() {
        return "OutboxItem[conversationId=" + conversationId + ", messageId=" + messageId + ", attempts=" + attempts + "]";
    }
}
