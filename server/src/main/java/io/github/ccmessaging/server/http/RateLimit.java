package io.github.ccmessaging.server.http;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** A token bucket per authenticated channel; an empty bucket answers 429 with {@code Retry-After} in whole seconds. */
@Priority(Priorities.AUTHENTICATION + 10)
final class RateLimit implements ContainerRequestFilter {
    private final int perSecond;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Counter rejected;

    RateLimit(int perSecond, MeterRegistry meters) {
        this.perSecond = perSecond;
        this.rejected = Counter.builder("rate_limit_rejections").description("Requests answered 429")
                .register(meters);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String channel = request.getHeaderString("channel-id");
        if (channel == null || !BearerTokenFilter.isChannelPath(request.getUriInfo().getPath())) {
            return;
        }
        Bucket bucket = buckets.computeIfAbsent(channel, c -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            rejected.increment();
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
            request.abortWith(Response.fromResponse(ProblemResponses.of(429, "Too Many Requests",
                            "The channel sent more than " + perSecond + " requests per second."))
                    .header(HttpHeaders.RETRY_AFTER, seconds).build());
        }
    }
}
