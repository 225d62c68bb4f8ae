package io.github.ccmessaging.server.store;

/**
 * How the delivery of an activity to the channel's webhook went.
 *
 * @param status where it stands
 * @param attempts how many attempts were made so far
 * @param lastError what the last failed attempt met, or null
 */
public record Delivery(Status status, int attempts, String lastError) {

    /** Where a delivery stands. */
    public enum Status {
        PENDING, DELIVERED, FAILED
    }
}
