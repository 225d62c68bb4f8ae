package io.github.ccmessaging.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClosesOnShutdownTest {

    @Test
    void closesEveryResourceInOrderAlsoAfterOneFailed() {
        List<String> closed = new ArrayList<>();
        ClosesOnShutdown closes = new ClosesOnShutdown(() -> closed.add("dispatcher"), () -> {
            closed.add("meters");
            throw new IllegalStateException("cannot");
        }, () -> closed.add("last"));

        assertThatThrownBy(() -> closes.onShutdown(null)).isInstanceOf(IllegalStateException.class)
                .hasRootCauseMessage("cannot");
        assertThat(closed).containsExactly("dispatcher", "meters", "last");
    }
}
