package io.github.ccmessaging.server.webhook;

/**
 * Faults to inject into deliveries, so that a channel can test its webhook receiver against late and repeated
 * deliveries (the emulator's fault rules). Asked once per delivery, before its first attempt.
 */
@FunctionalInterface
public interface DeliveryFaults {
    /** Every delivery as it should be. */
    DeliveryFaults NONE = (conversationId, messageId) -> Misdelivery.NONE;

    /** How the delivery of this activity goes wrong, if at all. Must be quick: it runs on a dispatcher thread. */
    Misdelivery onFirstAttempt(String conversationId, long messageId);
}
