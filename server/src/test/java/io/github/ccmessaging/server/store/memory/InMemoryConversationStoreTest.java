package io.github.ccmessaging.server.store.memory;

import io.github.ccmessaging.server.store.ConversationStore;
import io.github.ccmessaging.server.store.TestStores;
import io.github.ccmessaging.server.store.ConversationStoreContract;
import java.time.Clock;

/** The store contract against the in-memory store. */
class InMemoryConversationStoreTest extends ConversationStoreContract {

    @Override
    protected ConversationStore newStore(Clock clock) {
        return TestStores.memory(clock);
    }
}
