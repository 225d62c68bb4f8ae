package io.github.ccmessaging.server.store;

import java.time.Instant;

/**
 * A conversation as stored.
 *
 * @param readUpTo the {@code messageId} up to which the customer has read the representative's messages (0: none)
 */
public record Conversation(String id, String channelId, String customerId, String contextJson, Instant createdAt,
                           boolean open, long readUpTo) {

    public Conversation closed() {
        return new Conversation(id, channelId, customerId, contextJson, createdAt, false, readUpTo);
    }

    public Conversation withContext(String newContextJson) {
        return new Conversation(id, channelId, customerId, newContextJson, createdAt, open, readUpTo);
    }

    public Conversation readUpTo(long messageId) {
        return new Conversation(id, channelId, customerId, contextJson, createdAt, open, Math.max(readUpTo, messageId));
    }
}
