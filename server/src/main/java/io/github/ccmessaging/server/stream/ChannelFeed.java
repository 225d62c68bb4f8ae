package io.github.ccmessaging.server.stream;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The recent events of one channel and the streams that watch it: a ring of the last {@code capacity} events, from
 * which a stream sends what it has not sent yet and a reconnecting client resumes. Guarded by itself.
 */
final class ChannelFeed {
    private final StreamEvent[] ring;
    private int next;
    private int size;
    /** Every event after this sequence number is still in the ring. */
    private long resumableAfter;
    private long lastSequence;
    private long idleSince;
    private boolean retired;
    final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    final AtomicBoolean fanOutScheduled = new AtomicBoolean();

    ChannelFeed(int capacity, long startSequence, long now) {
        this.ring = new StreamEvent[capacity];
        this.resumableAfter = startSequence;
        this.lastSequence = startSequence;
        this.idleSince = now;
    }

    /**
     * Keeps an event, numbered from {@code sequence} under this feed's lock so that the ring stays in order.
     *
     * @return false when the feed was retired (nobody watches any more) and the event was not kept
     */
    synchronized boolean append(AtomicLong sequence, String name, Supplier<Object> payload) {
        if (retired) {
            return false;
        }
        StreamEvent event = new StreamEvent(sequence.incrementAndGet(), name, payload);
        if (size == ring.length) {
            resumableAfter = ring[next].sequence();
        } else {
            size++;
        }
        ring[next] = event;
        next = (next + 1) % ring.length;
        lastSequence = event.sequence();
        return true;
    }

    /** The events after {@code sequence}, oldest first; null when some of them are no longer kept. */
    synchronized List<StreamEvent> after(long sequence) {
        if (sequence < resumableAfter) {
            return null;
        }
        List<StreamEvent> events = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            StreamEvent event = ring[Math.floorMod(next - i, ring.length)];
            if (event.sequence() <= sequence) {
                break;
            }
            events.add(event);
        }
        Collections.reverse(events);
        return events;
    }

    /** Where a new stream starts: after {@code position}, resuming the client's earlier stream or not. */
    record Start(long position, boolean resumed) {
    }

    /**
     * Adds a stream whose client has every event up to {@code position} (-1: none given). When the feed still holds
     * every event after it, the stream resumes there; otherwise it starts after the latest event.
     *
     * @return null when the feed was retired; the caller makes a new one
     */
    synchronized Start subscribe(Subscriber subscriber, long position) {
        if (retired) {
            return null;
        }
        subscribers.add(subscriber);
        boolean resumable = position >= resumableAfter && position <= lastSequence;
        return new Start(resumable ? position : lastSequence, resumable);
    }

    synchronized long lastSequence() {
        return lastSequence;
    }

    synchronized void unsubscribe(Subscriber subscriber, long now) {
        if (subscribers.remove(subscriber) && subscribers.isEmpty()) {
            idleSince = now;
        }
    }

    /** Retires the feed when nobody has watched it since {@code idleBefore}; a retired feed keeps nothing more. */
    synchronized boolean retireIfIdleSince(long idleBefore) {
        if (subscribers.isEmpty() && idleSince <= idleBefore) {
            retired = true;
        }
        return retired;
    }
}
