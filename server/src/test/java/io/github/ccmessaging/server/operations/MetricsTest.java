package io.github.ccmessaging.server.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void theGarbageCollectionMetersStopListeningOnceClosedSoAStoppedServerIsNotKept() throws Exception {
        PrometheusMeterRegistry registry = Metrics.newRegistry();
        AutoCloseable jvmMeters = Metrics.bindJvmMeters(registry);
        System.gc();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (gcPauses(registry) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(gcPauses(registry)).as("a collection is recorded while bound").isPositive();

        jvmMeters.close();
        long recorded = gcPauses(registry);
        System.gc();
        Thread.sleep(500);

        assertThat(gcPauses(registry)).isEqualTo(recorded);
    }

    private static long gcPauses(PrometheusMeterRegistry registry) {
        return registry.find("jvm.gc.pause").timers().stream().mapToLong(Timer::count).sum();
    }
}
