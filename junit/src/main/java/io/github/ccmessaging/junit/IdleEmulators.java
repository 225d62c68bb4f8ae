package io.github.ccmessaging.junit;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Emulators whose test class (or test) ended, reset, kept for the next one with the same options until the test run
 * ends: a later test class then costs a reset (well under a millisecond) instead of a server start (a few hundred
 * milliseconds). Each is lent to one class at a time, so classes running in parallel never share one. Emulators with
 * server settings of the test's own are never kept: those settings cannot be compared.
 */
final class IdleEmulators implements AutoCloseable, ExtensionContext.Store.CloseableResource {
    private final Map<Key, Deque<RunningEmulator>> idle = new HashMap<>();
    private boolean closed;

    /** What makes two emulators interchangeable once reset. */
    record Key(ChannelCredentials credentials, boolean requestLog, URI webhookUrl) {
    }

    /** The key of emulators started with these options, or none when they are not to be kept. */
    static Optional<Key> keyOf(EmulatorOptions options) {
        return options.settings() != null ? Optional.empty()
                : Optional.of(new Key(options.credentials(), options.requestLog(), options.webhookUrl()));
    }

    /** The run's pool, closed by JUnit when the run ends. */
    static IdleEmulators of(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(IdleEmulators.class))
                .getOrComputeIfAbsent(IdleEmulators.class, type -> new IdleEmulators(), IdleEmulators.class);
    }

    synchronized Optional<RunningEmulator> take(Key key) {
        Deque<RunningEmulator> kept = idle.get(key);
        return Optional.ofNullable(kept == null ? null : kept.poll());
    }

    /** Keeps the emulator, reset, for the next class; closes it when the run has ended. */
    void give(Key key, RunningEmulator emulator) {
        try {
            emulator.recycle();
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
        synchronized (this) {
            if (!closed) {
                idle.computeIfAbsent(key, k -> new ArrayDeque<>()).push(emulator);
                return;
            }
        }
        emulator.close();
    }

    @Override
    public void close() {
        List<RunningEmulator> closing = new ArrayList<>();
        synchronized (this) {
            closed = true;
            idle.values().forEach(closing::addAll);
            idle.clear();
        }
        closing.forEach(RunningEmulator::close);
    }
}
