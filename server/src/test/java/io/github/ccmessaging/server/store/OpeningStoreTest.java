package io.github.ccmessaging.server.store;

import io.github.ccmessaging.server.store.memory.InMemoryConversationStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ccmessaging.server.channel.Channel;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class OpeningStoreTest {
    private static final String CHANNEL = "c0ffee00-0000-4000-8000-000000000001";

    @Test
    void callsWaitUntilTheStoreIsOpenAndThenReachIt() throws Exception {
        CountDownLatch mayOpen = new CountDownLatch(1);
        InMemoryConversationStore memory = new InMemoryConversationStore(new MessageIdClock(Clock.systemUTC()));
        OpeningStore store = OpeningStore.start(() -> {
            try {
                mayOpen.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return memory;
        });
        AtomicBoolean created = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            store.create(new NewConversation(CHANNEL, "customer-1", null, "{}", null, Instant.now()));
            created.set(true);
        });
        caller.start();
        caller.join(200);
        assertThat(created).as("a call before the store is open waits").isFalse();

        mayOpen.countDown();
        caller.join(10_000);
        assertThat(created).isTrue();
        assertThat(store.opened()).isSameAs(memory);
        store.registeredChannels().save(new Channel(CHANNEL, "c0ffee00-0000-4000-8000-000000000002", "token"));
        assertThat(memory.registeredChannels().find(CHANNEL)).isPresent();
    }

    @Test
    void aStoreThatFailsToOpenThrowsItsOwnFailureOnEveryCallAndHasNothingToClose() {
        StoreFailure failure = new StoreFailure("cannot migrate", null);
        OpeningStore store = OpeningStore.start(() -> {
            throw failure;
        });
        assertThatThrownBy(store::opened).isSameAs(failure);
        assertThatThrownBy(() -> store.find(CHANNEL, "x")).isSameAs(failure);
        assertThatThrownBy(store::checkHealth).isSameAs(failure);
        store.close();
    }
}
