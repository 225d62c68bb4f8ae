package io.github.ccmessaging.server.store;

import java.time.Instant;

/** A conversation as stored. */
public record Conversation(String id, String channelId, String customerId, String contextJson, Instant createdAt,
                           boolean open) {
}
