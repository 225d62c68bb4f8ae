package io.github.ccmessaging.server.store;

import java.time.Clock;

/** The store contract against the in-memory store. */
class InMemoryConversationStoreTest extends ConversationStoreContract {

    @Override
    protected ConversationStore newStore(Clock clock) {
        return TestStores.memory(clock);
    }
}
