package io.github.ccmessaging.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Arrays;
import java.util.Map;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs fixture test classes on the Jupiter engine, as a user's build would, and returns what happened. */
final class FixtureRuns {
    private FixtureRuns() {
    }

    static EngineExecutionResults run(Class<?>... classes) {
        return run(Map.of(), classes);
    }

    /** The classes one after another, in the order of their {@code @Order}. */
    static EngineExecutionResults runInOrder(Class<?>... classes) {
        return run(Map.of("junit.jupiter.testclass.order.default",
                "org.junit.jupiter.api.ClassOrderer$OrderAnnotation"), classes);
    }

    /**
     * Classes in parallel on four threads; methods concurrent too unless {@code methodsConcurrent} is false.
     */
    static EngineExecutionResults runInParallel(boolean methodsConcurrent, Class<?>... classes) {
        return run(Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
                "junit.jupiter.execution.parallel.mode.default", methodsConcurrent ? "concurrent" : "same_thread",
                "junit.jupiter.execution.parallel.config.executor-service", "FORK_JOIN_POOL",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "4"), classes);
    }

    private static EngineExecutionResults run(Map<String, String> configuration, Class<?>... classes) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameters(configuration)
                .selectors(Arrays.stream(classes).map(c -> selectClass(c)).toArray(
                        org.junit.platform.engine.DiscoverySelector[]::new))
                .execute();
    }
}
