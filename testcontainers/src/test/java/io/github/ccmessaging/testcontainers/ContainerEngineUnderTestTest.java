package io.github.ccmessaging.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class ContainerEngineUnderTestTest {

    @Test
    void withoutAnEngineTheTestsAreSkippedSayingWhy() {
        assertThat(ContainerEngineUnderTest.refusal("no container engine", false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("Testcontainers tests SKIPPED: no container engine");
    }

    @Test
    void withoutAnEngineWhereOneIsRequiredTheTestsFail() {
        assertThat(ContainerEngineUnderTest.refusal("no container engine", true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Testcontainers tests FAILED: no container engine")
                .hasMessageContaining("MESSAGING_TEST_REQUIRE_CONTAINERS=1");
    }
}
