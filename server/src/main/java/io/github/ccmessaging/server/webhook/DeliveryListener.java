package io.github.ccmessaging.server.webhook;

import io.github.ccmessaging.server.store.OutboxItem;

/**
 * Told of each outcome the dispatcher records in the outbox: {@code PENDING} after each failed attempt while retries
 * remain, then {@code DELIVERED} or {@code FAILED} (a delivery that could never be sent, for a malformed webhook URL,
 * is {@code FAILED} without an attempt). Calls for one delivery come in that order, from the dispatcher's few threads,
 * so it must be quick and thread-safe; an exception it throws is logged and otherwise ignored.
 */
@FunctionalInterface
public interface DeliveryListener {
    /** Hears nothing: the outcomes are in the outbox already. */
    DeliveryListener NONE = (conversationId, messageId, outcome) -> {
    };

    void onOutcome(String conversationId, long messageId, DeliveryOutcome outcome);

    /** Told of an outcome with the delivery it belongs to; by default {@link #onOutcome(String, long, DeliveryOutcome)}. */
    default void onOutcome(OutboxItem item, DeliveryOutcome outcome) {
        onOutcome(item.conversationId(), item.messageId(), outcome);
    }
}
