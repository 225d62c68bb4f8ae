package io.github.ccmessaging.server.fault;

import io.github.ccmessaging.server.conversation.ConsumerPath;

import io.github.ccmessaging.server.webhook.DeliveryFaults;
import io.github.ccmessaging.server.webhook.Misdelivery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fault rules of every channel, in the order each channel added them. A request or delivery is tried against its
 * channel's rules only; the first rule that fires decides. While no channel has a rule of a side (requests,
 * deliveries), asking about that side costs one volatile read.
 */
public final class FaultRules implements DeliveryFaults {
    /** The most rules one channel may have. */
    public static final int MAX_RULES_PER_CHANNEL = 100;

    private final Map<String, List<FaultRule>> byChannel = new ConcurrentHashMap<>();
    /** The channel of each conversation the emulator delivered to while its channel had delivery rules. */
    private final Map<String, String> channelOfConversation = new ConcurrentHashMap<>();
    private volatile boolean requestRules;
    private volatile boolean deliveryRules;

    /**
     * Adds a rule after the channel's others.
     *
     * @throws TooManyRules when the channel has {@link #MAX_RULES_PER_CHANNEL} rules already
     */
    public synchronized void add(FaultRule rule) {
        List<FaultRule> rules = new ArrayList<>(byChannel.getOrDefault(rule.channelId(), List.of()));
        if (rules.size() >= MAX_RULES_PER_CHANNEL) {
            throw new TooManyRules();
        }
        rules.add(rule);
        byChannel.put(rule.channelId(), List.copyOf(rules));
        recount();
    }

    /** The channel's rules, in the order they are tried. */
    public List<FaultRule> of(String channelId) {
        return byChannel.getOrDefault(channelId, List.of());
    }

    /** Removes one of the channel's rules; false when it has none with that id. */
    public synchronized boolean remove(String channelId, String ruleId) {
        List<FaultRule> rules = new ArrayList<>(of(channelId));
        boolean removed = rules.removeIf(r -> r.id().equals(ruleId));
        if (removed) {
            byChannel.put(channelId, List.copyOf(rules));
            recount();
        }
        return removed;
    }

    /** Removes the channel's rules that a Pact provider state added. */
    public synchronized void removeMadeByStates(String channelId) {
        List<FaultRule> rules = new ArrayList<>(of(channelId));
        if (rules.removeIf(r -> r.madeByState() != null)) {
            byChannel.put(channelId, List.copyOf(rules));
            recount();
        }
    }

    /** Removes every rule of the channel. */
    public synchronized void clear(String channelId) {
        byChannel.remove(channelId);
        recount();
    }

    /** Removes every rule of every channel. */
    public synchronized void clearAll() {
        byChannel.clear();
        channelOfConversation.clear();
        recount();
    }

    private void recount() {
        requestRules = byChannel.values().stream().flatMap(List::stream).anyMatch(r -> !r.fault().kind().onWebhook());
        deliveryRules = byChannel.values().stream().flatMap(List::stream).anyMatch(r -> r.fault().kind().onWebhook());
        if (!deliveryRules) {
            channelOfConversation.clear();
        }
    }

    /** Whether any channel has a rule for requests; false costs the caller nothing more. */
    public boolean anyRequestRules() {
        return requestRules;
    }

    /**
     * The fault for a request of {@code channelId}, authenticated as that channel.
     *
     * @param method the request's method
     * @param where where in the consumer API it goes
     */
    public Optional<FaultRule.Fired> onRequest(String channelId, String method, ConsumerPath.Located where) {
        for (FaultRule rule : of(channelId)) {
            if (!rule.fault().kind().onWebhook() && rule.match().matches(method, where)) {
                Optional<FaultRule.Fired> fired = rule.tryFire();
                if (fired.isPresent()) {
                    return fired;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Notes that the channel is about to schedule a delivery in the conversation, so that its delivery rules can find
     * it; does nothing while the channel has none.
     */
    public void noteDelivery(String channelId, String conversationId) {
        if (deliveryRules && of(channelId).stream().anyMatch(r -> r.fault().kind().onWebhook())) {
            channelOfConversation.put(conversationId, channelId);
        }
    }

    @Override
    public Misdelivery onFirstAttempt(String conversationId, long messageId) {
        if (!deliveryRules) {
            return Misdelivery.NONE;
        }
        String channelId = channelOfConversation.get(conversationId);
        if (channelId == null) {
            return Misdelivery.NONE;
        }
        for (FaultRule rule : of(channelId)) {
            if (rule.fault().kind().onWebhook() && rule.match().matchesDelivery(conversationId)) {
                Optional<FaultRule.Fired> fired = rule.tryFire();
                if (fired.isPresent()) {
                    return fired.get().kind() == FaultKind.REPEAT_DELIVERY ? Misdelivery.REPEATED
                            : Misdelivery.late(Duration.ofMillis(fired.get().delayMillis()));
                }
            }
        }
        return Misdelivery.NONE;
    }

    /** A channel has as many rules as it may. */
    public static final class TooManyRules extends RuntimeException {
        TooManyRules() {
            super("A channel may have at most " + MAX_RULES_PER_CHANNEL + " fault rules; remove some first.", null,
                    false, false);
        }
    }
}
