package io.github.ccmessaging.server.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ccmessaging.server.store.MessageIdClock;
import io.github.ccmessaging.server.store.memory.InMemoryConversationStore;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoreProbeTest {

    @Test
    void answersEveryCheckAskedBackToBackWhileItsThreadIsStillFinishingTheLastOne() {
        StoreProbe probe = new StoreProbe(new InMemoryConversationStore(new MessageIdClock(Clock.systemUTC())));
        // a new check asked the moment the last one completed used to find the only thread busy and be refused
        for (int i = 0; i < 20_000; i++) {
            assertThat(probe.problem()).as("check %d", i).isEqualTo(Optional.empty());
        }
    }
}
