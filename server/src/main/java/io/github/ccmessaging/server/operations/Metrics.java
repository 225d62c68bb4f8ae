package io.github.ccmessaging.server.operations;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.glassfish.jersey.server.monitoring.ApplicationEventListener;

/**
 * The server's Prometheus registry: HTTP requests by route and status with latency histograms, store operations, and
 * the JVM's meters.
 *
 * <p>The request histogram has a fixed set of buckets ({@link #REQUEST_BUCKETS}) instead of Micrometer's
 * percentile histogram (about 70 buckets per route and status, and the most expensive part of recording a request
 * in the profiles). Store operations keep their count, sum and max without buckets: the request histogram already
 * covers the latency a caller sees.
 */
public final class Metrics {
    static final String HTTP_REQUESTS = "http.server.requests";
    static final String STORE_OPERATIONS = "store.operation";

    /** The request latency buckets ({@code le}), from 1 ms to 10 s; {@code +Inf} is added by Prometheus. */
    static final Duration[] REQUEST_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(10),
    };

    private Metrics() {
    }

    public static PrometheusMeterRegistry newRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getName().equals(HTTP_REQUESTS)) {
                    return DistributionStatisticConfig.builder()
                            .percentilesHistogram(false)
                            .serviceLevelObjectives(nanos(REQUEST_BUCKETS))
                            .build().merge(config);
                }
                if (id.getName().equals(STORE_OPERATIONS)) {
                    return DistributionStatisticConfig.builder().percentilesHistogram(false).build().merge(config);
                }
                return config;
            }
        });
        return registry;
    }

    /**
     * Adds the JVM's meters (memory, garbage collection, threads, processor) to the registry.
     *
     * @return closes what keeps listening after the server stops: the garbage collection meters' listeners on the
     *         JVM's collectors, which would otherwise keep every stopped server's registry (a test suite starts many)
     */
    public static AutoCloseable bindJvmMeters(MeterRegistry registry) {
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        return gc;
    }

    private static double[] nanos(Duration[] durations) {
        double[] nanos = new double[durations.length];
        for (int i = 0; i < durations.length; i++) {
            nanos[i] = durations[i].toNanos();
        }
        return nanos;
    }

    /** Times each request by method, route template (never the raw path), status, outcome and exception. */
    public static ApplicationEventListener requestListener(PrometheusMeterRegistry registry) {
        return new RequestMetrics(registry);
    }
}
