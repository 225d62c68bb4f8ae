package io.github.ccmessaging.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SerialLanesTest {
    private final SerialLanes<String> lanes = new SerialLanes<>();

    @Test
    void onlyTheFirstItemOfAnIdleLaneStartsAtOnce() {
        assertThat(lanes.enqueue("a", "a1")).isTrue();
        assertThat(lanes.enqueue("a", "a2")).isFalse();
        assertThat(lanes.enqueue("b", "b1")).isTrue();
    }

    @Test
    void finishingTheActiveItemHandsOverToTheNextInOrder() {
        lanes.enqueue("a", "a1");
        lanes.enqueue("a", "a2");
        lanes.enqueue("a", "a3");

        assertThat(lanes.finishActive("a")).hasValue("a2");
        assertThat(lanes.finishActive("a")).hasValue("a3");
        assertThat(lanes.finishActive("a")).isEmpty();
    }

    @Test
    void anEmptiedLaneIsForgottenAndStartsAfreshNextTime() {
        lanes.enqueue("a", "a1");
        lanes.finishActive("a");

        assertThat(lanes.laneCount()).isZero();
        assertThat(lanes.enqueue("a", "a2")).isTrue();
    }

    @Test
    void clearDropsEveryQueuedItem() {
        lanes.enqueue("a", "a1");
        lanes.enqueue("a", "a2");
        lanes.enqueue("b", "b1");

        assertThat(lanes.clear()).isEqualTo(3);
        assertThat(lanes.laneCount()).isZero();
    }
}
