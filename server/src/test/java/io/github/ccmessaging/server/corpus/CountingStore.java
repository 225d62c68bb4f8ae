package io.github.ccmessaging.server.corpus;

import io.github.ccmessaging.server.store.Appended;
import io.github.ccmessaging.server.store.ConversationStore;
import io.github.ccmessaging.server.store.CreateOutcome;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records the writes of a store: how often the server asked to create a conversation, how many activities were stored,
 * and which conversations exist. A rejected request must change none of them.
 *
 * <p>The recorder is a dynamic proxy of {@link ConversationStore} that passes every call on to the production store, so
 * it keeps compiling and delegating when the interface gains methods; it only looks at {@code create},
 * {@code append} and {@code appendAsync}.
 */
final class CountingStore implements InvocationHandler {
    private final ConversationStore delegate;
    private final ConversationStore proxy;
    private final AtomicLong creates = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    private final Set<String> conversationIds = ConcurrentHashMap.newKeySet();

    CountingStore(ConversationStore delegate) {
        this.delegate = delegate;
        this.proxy = (ConversationStore) Proxy.newProxyInstance(ConversationStore.class.getClassLoader(),
                new Class<?>[] {ConversationStore.class}, this);
    }

    /** The store to give the server. */
    ConversationStore store() {
        return proxy;
    }

    /** The production store, for reading what it holds. */
    ConversationStore delegate() {
        return delegate;
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        Object result;
        try {
            result = method.invoke(delegate, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (method.getName().equals("create") && result instanceof CreateOutcome outcome) {
            creates.incrementAndGet();
            conversationIds.add(outcome.conversationId());
        } else if (method.getName().equals("append")) {
            count(result);
        } else if (method.getName().equals("appendAsync") && result instanceof CompletionStage<?> pending) {
            // the server gets the counting stage, so the count is in before the answer goes out
            return pending.thenApply(appended -> {
                count(appended);
                return appended;
            });
        }
        return result;
    }

    private void count(Object appended) {
        if (appended instanceof Optional<?> optional && optional.orElse(null) instanceof Appended a && !a.duplicate()) {
            stored.incrementAndGet();
        }
    }

    /** How often a conversation was created or continued, how many activities were stored, how many conversations exist. */
    Snapshot snapshot() {
        return new Snapshot(creates.get(), stored.get(), conversationIds.size());
    }

    /** Appends that found no open conversation (404) store nothing and are not counted. */
    record Snapshot(long createCalls, long storedActivities, int conversations) {
    }
}
