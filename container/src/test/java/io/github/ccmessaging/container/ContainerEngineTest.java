package io.github.ccmessaging.container;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class ContainerEngineTest {

    @Test
    void aMissingEngineIsAProblemThatNamesTheCommand() {
        assertThat(new ContainerEngine("no-such-container-engine").problem())
                .contains("'no-such-container-engine' cannot be run");
    }

    @Test
    void anEngineThatFailsIsAProblemWithWhatItSaid() {
        assertThat(new ContainerEngine("false").problem()).startsWith("'false version' failed");
    }

    @Test
    void withoutAnEngineTheTestsAreSkippedSayingWhy() {
        assertThat(ContainerEngine.refusal("'podman' cannot be run", false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("container tests SKIPPED").hasMessageContaining("'podman' cannot be run");
    }

    @Test
    void withoutAnEngineWhereOneIsRequiredTheTestsFail() {
        assertThat(ContainerEngine.refusal("'podman' cannot be run", true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("container tests FAILED").hasMessageContaining("MESSAGING_TEST_REQUIRE_CONTAINERS=1");
    }
}
