package io.github.ccmessaging.server.webhook;

import java.util.Objects;

/**
 * The state of one delivery after a change.
 *
 * @param status where it stands
 * @param attempts how many attempts have been made so far
 * @param lastError why the latest attempt failed; null before the first attempt and once delivered
 */
public record DeliveryOutcome(DeliveryStatus status, int attempts, String lastError) {
    public DeliveryOutcome {
        Objects.requireNonNull(status, "status");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts < 0");
        }
    }
}
