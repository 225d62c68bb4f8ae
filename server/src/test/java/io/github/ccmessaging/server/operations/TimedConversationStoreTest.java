package io.github.ccmessaging.server.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ccmessaging.server.store.ConversationStore;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TimedConversationStoreTest {
    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);

    /** A store without threads of its own: its asynchronous append does the work (5 ms here) in the call. */
    private ConversationStore storeTaking5msPerAppend() {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (method.getName().equals("append")) {
                clock.add(Duration.ofMillis(5));
                return Optional.empty();
            }
            throw new UnsupportedOperationException(method.getName());
        };
        return (ConversationStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConversationStore.class}, handler);
    }

    @Test
    void anAsynchronousAppendDoneInTheCallIsTimedWhole() {
        TimedConversationStore timed = new TimedConversationStore(storeTaking5msPerAppend(), meters);

        timed.appendAsync("channel", "conversation", null).toCompletableFuture().join();

        var timer = meters.get("store.operation").tag("operation", "append").timer();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(5.0);
    }
}
