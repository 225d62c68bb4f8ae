package io.github.ccmessaging.server.fault;

import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A fault rule of one channel, with how often it matched and fired. Its random draws (probability, random delays)
 * come from a generator seeded with {@link #seed()}, so the same requests in the same order fare the same on every run.
 */
public final class FaultRule {
    private final String id;
    private final String channelId;
    private final RequestMatch match;
    private final Fault fault;
    private final Integer times;
    private final double probability;
    private final long seed;
    private final String madeByState;
    private final SplittableRandom random;
    private long matched;
    private long fired;

    /**
     * @param times fire for this many matching requests, then no more; null: no limit
     * @param probability fire for each matching request with this probability, in (0, 1]
     * @param madeByState the Pact provider state that added it, or null when the channel added it itself
     */
    public FaultRule(String id, String channelId, RequestMatch match, Fault fault, Integer times, double probability,
                     long seed, String madeByState) {
        this.id = id;
        this.channelId = channelId;
        this.match = match;
        this.fault = fault;
        this.times = times;
        this.probability = probability;
        this.seed = seed;
        this.madeByState = madeByState;
        this.random = new SplittableRandom(seed);
    }

    /** A matching request or delivery: counts it, and fires when its limit and its probability let it. */
    synchronized Optional<Fired> tryFire() {
        matched++;
        if (times != null && fired >= times) {
            return Optional.empty();
        }
        if (probability < 1 && random.nextDouble() >= probability) {
            return Optional.empty();
        }
        fired++;
        return Optional.of(new Fired(id, fault, fault.drawDelay(random)));
    }

    public String id() {
        return id;
    }

    public String channelId() {
        return channelId;
    }

    public RequestMatch match() {
        return match;
    }

    public Fault fault() {
        return fault;
    }

    public Integer times() {
        return times;
    }

    public double probability() {
        return probability;
    }

    public long seed() {
        return seed;
    }

    public String madeByState() {
        return madeByState;
    }

    public synchronized long matched() {
        return matched;
    }

    public synchronized long fired() {
        return fired;
    }

    /** How many more times it fires; null without a limit. */
    public synchronized Integer remaining() {
        return times == null ? null : (int) Math.max(0, times - fired);
    }

    /**
     * A fault that fired for one request or delivery.
     *
     * @param delayMillis the delay drawn for this firing (0 for faults without delay)
     */
    public record Fired(String ruleId, Fault fault, long delayMillis) {
        public FaultKind kind() {
            return fault.kind();
        }
    }
}
