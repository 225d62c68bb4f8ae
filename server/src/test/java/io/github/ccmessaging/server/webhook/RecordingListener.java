package io.github.ccmessaging.server.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Remembers every outcome the dispatcher reports and lets a test wait for a delivery's final one. */
final class RecordingListener implements DeliveryListener {

    record Event(String conversationId, long messageId, DeliveryOutcome outcome) {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final Map<Long, CompletableFuture<DeliveryOutcome>> finals = new ConcurrentHashMap<>();

    @Override
    public void onOutcome(String conversationId, long messageId, DeliveryOutcome outcome) {
        events.add(new Event(conversationId, messageId, outcome));
        if (outcome.status() != DeliveryStatus.PENDING) {
            finalOf(messageId).complete(outcome);
        }
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    List<DeliveryOutcome> outcomesOf(long messageId) {
        return events.stream().filter(e -> e.messageId() == messageId).map(Event::outcome).toList();
    }

    /** The DELIVERED or FAILED outcome, waited for within a liveness limit. */
    DeliveryOutcome awaitFinal(long messageId, Duration limit) throws Exception {
        return finalOf(messageId).get(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean hasFinal(long messageId) {
        return finalOf(messageId).isDone();
    }

    private CompletableFuture<DeliveryOutcome> finalOf(long messageId) {
        return finals.computeIfAbsent(messageId, id -> new CompletableFuture<>());
    }
}
