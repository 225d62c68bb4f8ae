package io.github.ccmessaging.server.operations;

import io.github.ccmessaging.server.store.ConversationStore;
import io.github.ccmessaging.server.store.StoreFailure;
import io.github.ccmessaging.server.threads.DaemonThreads;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the store whether it can serve ({@link ConversationStore#checkHealth()}), never waiting longer than
 * {@link #WAIT}: the check runs on a thread of its own, one at a time, and callers that ask meanwhile share it, so a
 * store that hangs holds one thread, not one per health request.
 */
final class StoreProbe {
    static final Duration WAIT = Duration.ofMillis(800);
    private static final Logger LOG = LoggerFactory.getLogger(StoreProbe.class);

    private final ConversationStore store;
    private final ThreadPoolExecutor thread = idleThreadThatEnds();
    private CompletableFuture<Optional<String>> running;

    StoreProbe(ConversationStore store) {
        this.store = store;
    }

    // A queue, not a hand-off: a check asked while the thread is still leaving the last one waits for it instead of
    // being refused. No thread while nobody asks: a server that is never probed keeps none.
    private static ThreadPoolExecutor idleThreadThatEnds() {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new DaemonThreads("store-probe"));
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /** Empty when the store can read and write; else why not, in words for the operator. */
    Optional<String> problem() {
        CompletableFuture<Optional<String>> probe;
        synchronized (this) {
            if (running == null || running.isDone()) {
                running = CompletableFuture.supplyAsync(this::check, thread);
            }
            probe = running;
        }
        try {
            return probe.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Optional.of("the store did not answer within " + WAIT.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("the health check was interrupted");
        } catch (ExecutionException e) {
            LOG.warn("The store's health check failed", e.getCause());
            return Optional.of("the store's health check failed");
        }
    }

    private Optional<String> check() {
        try {
            store.checkHealth();
            return Optional.empty();
        } catch (StoreFailure e) {
            return Optional.of(e.isPermanent()
                    ? "the store cannot work until an operator acts: " + e.condition() : e.condition());
        } catch (RuntimeException e) {
            LOG.warn("The store's health check failed: {}", e.toString());
            return Optional.of("the store's health check failed");
        }
    }
}
