package io.github.ccmessaging.server.webhook;

/** Where a webhook delivery stands. */
public enum DeliveryStatus {
    /** Scheduled, being attempted, or waiting for a retry. */
    PENDING,
    /** The webhook answered 2xx. */
    DELIVERED,
    /** Every attempt failed; given up. */
    FAILED
}
