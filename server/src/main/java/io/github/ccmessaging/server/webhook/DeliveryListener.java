package io.github.ccmessaging.server.webhook;

/**
 * Told of every state change of a delivery: {@code PENDING} with 0 attempts when scheduled, {@code PENDING} after each
 * failed attempt while retries remain, then {@code DELIVERED} or {@code FAILED}. Calls for one delivery come in that
 * order (a delivery that could never be sent, for a malformed webhook URL, is reported {@code FAILED} at once with
 * 0 attempts), from the dispatcher's few threads (the first from the thread that scheduled it), so it must be quick and
 * thread-safe; an exception it throws is logged and otherwise ignored.
 */
@FunctionalInterface
public interface DeliveryListener {
    void onOutcome(String conversationId, long messageId, DeliveryOutcome outcome);
}
