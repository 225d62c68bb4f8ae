package io.github.ccmessaging.server.webhook;

import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * First-in first-out lanes by key: one item per lane is active at a time and the next starts only when it finishes;
 * lanes never wait for each other. An emptied lane is removed, so finished conversations hold no memory.
 */
final class SerialLanes<T> {
    private final ConcurrentHashMap<String, ArrayDeque<T>> lanes = new ConcurrentHashMap<>();

    /** Queues the item; true when its lane was idle, so the caller must start it now. */
    boolean enqueue(String key, T item) {
        boolean[] wasIdle = {false};
        lanes.compute(key, (k, lane) -> {
            ArrayDeque<T> queue = lane == null ? new ArrayDeque<>() : lane;
            queue.addLast(item);
            wasIdle[0] = queue.size() == 1;
            return queue;
        });
        return wasIdle[0];
    }

    /** Ends the lane's active item; returns the next one, which the caller must start. */
    Optional<T> finishActive(String key) {
        AtomicReference<T> next = new AtomicReference<>();
        lanes.computeIfPresent(key, (k, queue) -> {
            queue.pollFirst();
            next.set(queue.peekFirst());
            return queue.isEmpty() ? null : queue;
        });
        return Optional.ofNullable(next.get());
    }

    int laneCount() {
        return lanes.size();
    }

    /** Empties every lane; returns how many items were dropped, active ones included. */
    int clear() {
        int dropped = 0;
        for (String key : lanes.keySet()) {
            ArrayDeque<T> queue = lanes.remove(key);
            if (queue != null) {
                dropped += queue.size();
            }
        }
        return dropped;
    }
}
