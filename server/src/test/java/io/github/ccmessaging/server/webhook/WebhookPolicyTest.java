package io.github.ccmessaging.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookPolicyTest {

    @Test
    void defaultsAreTheDocumentedTenSecondsPerAttemptAndThreeRetries() {
        WebhookPolicy defaults = WebhookPolicy.defaults();

        assertThat(defaults.attemptTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.maxRetries()).isEqualTo(3);
        assertThat(defaults.retryBackoff()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theWaitDoublesForEachFurtherRetry() {
        WebhookPolicy policy = WebhookPolicy.defaults();

        assertThat(policy.waitBeforeRetry(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.waitBeforeRetry(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.waitBeforeRetry(3)).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void theWaitStopsGrowingInsteadOfOverflowing() {
        WebhookPolicy policy = new WebhookPolicy(Duration.ofSeconds(1), 100, Duration.ofMillis(1));

        assertThat(policy.waitBeforeRetry(100)).isEqualTo(policy.waitBeforeRetry(21)).isPositive();
    }

    @Test
    void rejectsAPolicyThatCouldNeverDeliver() {
        assertThatThrownBy(() -> new WebhookPolicy(Duration.ZERO, 3, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebhookPolicy(Duration.ofSeconds(1), -1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebhookPolicy(Duration.ofSeconds(1), 3, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
