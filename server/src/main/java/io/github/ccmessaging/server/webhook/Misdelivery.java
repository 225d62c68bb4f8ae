package io.github.ccmessaging.server.webhook;

import java.time.Duration;

/**
 * How one delivery goes wrong on purpose.
 *
 * @param delay how late its first attempt is made (zero: on time)
 * @param repeated whether it is sent a second time once the first succeeded, as at-least-once systems may
 */
public record Misdelivery(Duration delay, boolean repeated) {
    public static final Misdelivery NONE = new Misdelivery(Duration.ZERO, false);
    public static final Misdelivery REPEATED = new Misdelivery(Duration.ZERO, true);

    public static Misdelivery late(Duration delay) {
        return new Misdelivery(delay, false);
    }

    public boolean late() {
        return !delay.isZero();
    }
}
