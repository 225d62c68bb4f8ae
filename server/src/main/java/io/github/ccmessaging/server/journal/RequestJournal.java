package io.github.ccmessaging.server.journal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The newest requests each channel sent to the consumer API, at most {@link #capacity()} per channel; the oldest are
 * dropped. A journal of capacity 0 is off and keeps nothing.
 */
public final class RequestJournal {
    /** The default number of requests kept per channel. */
    public static final int DEFAULT_CAPACITY = 1000;

    private final int capacity;
    private final Map<String, ArrayDeque<JournaledRequest>> byChannel = new ConcurrentHashMap<>();

    public RequestJournal(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("The journal size must be 0 (off) or more.");
        }
        this.capacity = capacity;
    }

    public int capacity() {
        return capacity;
    }

    public boolean enabled() {
        return capacity > 0;
    }

    public void record(JournaledRequest request) {
        if (!enabled()) {
            return;
        }
        ArrayDeque<JournaledRequest> log = byChannel.computeIfAbsent(request.channelId(), c -> new ArrayDeque<>());
        synchronized (log) {
            if (log.size() == capacity) {
                log.removeFirst();
            }
            log.addLast(request);
        }
    }

    /** The channel's requests that {@code filter} accepts, newest first, at most {@code limit}. */
    public List<JournaledRequest> newestFirst(String channelId, Predicate<JournaledRequest> filter, int limit) {
        ArrayDeque<JournaledRequest> log = byChannel.get(channelId);
        List<JournaledRequest> found = new ArrayList<>();
        if (log == null) {
            return found;
        }
        synchronized (log) {
            for (Iterator<JournaledRequest> newest = log.descendingIterator(); newest.hasNext() && found.size() < limit; ) {
                JournaledRequest request = newest.next();
                if (filter.test(request)) {
                    found.add(request);
                }
            }
        }
        return found;
    }

    public void clear(String channelId) {
        ArrayDeque<JournaledRequest> log = byChannel.get(channelId);
        if (log != null) {
            synchronized (log) {
                log.clear();
            }
        }
    }

    public void clearAll() {
        byChannel.values().forEach(log -> {
            synchronized (log) {
                log.clear();
            }
        });
    }
}
