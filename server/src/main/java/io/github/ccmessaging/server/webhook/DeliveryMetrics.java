package io.github.ccmessaging.server.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The webhook meters, registered up front so they read 0 before the first delivery: {@code webhook.deliveries}
 * by outcome, {@code webhook.attempts} by result, and {@code webhook.delivery.latency} from schedule to delivered.
 */
final class DeliveryMetrics {
    static final String DELIVERIES = "webhook.deliveries";
    static final String ATTEMPTS = "webhook.attempts";
    static final String LATENCY = "webhook.delivery.latency";

    private final Counter delivered;
    private final Counter failed;
    private final Map<AttemptResult.Kind, Counter> attempts = new EnumMap<>(AttemptResult.Kind.class);
    private final Timer latency;

    DeliveryMetrics(MeterRegistry registry) {
        delivered = deliveries(registry, "delivered");
        failed = deliveries(registry, "failed");
        for (AttemptResult.Kind kind : AttemptResult.Kind.values()) {
            attempts.put(kind, Counter.builder(ATTEMPTS)
                    .description("Webhook POST attempts by result")
                    .tag("result", kind.tag())
                    .register(registry));
        }
        latency = Timer.builder(LATENCY)
                .description("Time from scheduling a webhook delivery to its 2xx answer, retries included")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(1))
                .register(registry);
    }

    private static Counter deliveries(MeterRegistry registry, String outcome) {
        return Counter.builder(DELIVERIES)
                .description("Webhook deliveries that ended, by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }

    void attempt(AttemptResult.Kind kind) {
        attempts.get(kind).increment();
    }

    void delivered(long nanosSinceScheduled) {
        delivered.increment();
        latency.record(nanosSinceScheduled, TimeUnit.NANOSECONDS);
    }

    void failed() {
        failed.increment();
    }
}
