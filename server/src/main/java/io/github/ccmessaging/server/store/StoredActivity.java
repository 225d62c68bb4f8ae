package io.github.ccmessaging.server.store;

import java.time.Instant;

/** An activity as stored, with the 13-digit epoch-millisecond {@code messageId} that orders its conversation. */
public record StoredActivity(long messageId, String clientId, String type, String json, Instant receivedAt,
                             Sender sender) {
}
