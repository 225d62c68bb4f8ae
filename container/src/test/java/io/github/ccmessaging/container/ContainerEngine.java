package io.github.ccmessaging.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.opentest4j.TestAbortedException;

/**
 * podman's command line. Its configuration (runtime, ulimits) comes from the environment, as for any user:
 * {@code .ci/run} points {@code CONTAINERS_CONF} at {@code .ci/containers.conf}.
 */
final class ContainerEngine {

    static final String REQUIRE_VARIABLE = "MESSAGING_TEST_REQUIRE_CONTAINERS";
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(3);

    private final String command;

    ContainerEngine(String command) {
        this.command = command;
    }

    /** podman, when it answers; otherwise {@code null}, after printing why the tests will be skipped or fail. */
    static ContainerEngine podmanOrNull() {
        ContainerEngine podman = new ContainerEngine("podman");
        String problem = podman.problem();
        if (problem == null) {
            return podman;
        }
        System.err.println(refusal(problem, required()).getMessage());
        return null;
    }

    /**
     * Skips the calling test when there is no engine, or fails it when {@code MESSAGING_TEST_REQUIRE_CONTAINERS=1}
     * (CI). Called before each test, so that the report counts every test as skipped.
     */
    static void refuseWithout(ContainerEngine engine) {
        if (engine == null) {
            throw refusal("podman does not answer", required());
        }
    }

    private static boolean required() {
        return "1".equals(System.getenv(REQUIRE_VARIABLE));
    }

    /**
     * What ends the calling tests when the engine has this problem: a skip saying why, or a failure when an engine
     * is required.
     */
    static RuntimeException refusal(String problem, boolean required) {
        String install = "install podman and runc (see README, \"The container image\")";
        return required
                ? new IllegalStateException("container tests FAILED: no usable container engine (" + problem + "), and "
                        + REQUIRE_VARIABLE + "=1 requires one; " + install)
                : new TestAbortedException("container tests SKIPPED: no usable container engine (" + problem + "); "
                        + install + ", or set " + REQUIRE_VARIABLE + "=1 to make this a failure");
    }

    /** Why this engine cannot be used, or {@code null} when it answers. */
    String problem() {
        try {
            Result version = executeOrThrow(List.of("version"));
            return version.exitCode() == 0 ? null : "'" + command + " version' failed: " + version.output().strip();
        } catch (IOException e) {
            return "'" + command + "' cannot be run: " + e.getMessage();
        }
    }

    /** Loads the image tarball unless the engine already holds an image with that id. */
    void load(Path tarball, String imageId, String imageName) {
        Result present = execute(List.of("image", "inspect", "--format", "{{.Id}}", imageName));
        if (present.exitCode() == 0 && imageId.endsWith(present.output().strip())) {
            return;
        }
        run("load", "-i", tarball.toString());
    }

    /** Runs the engine with these arguments; its standard output, or an exception saying what it printed. */
    String run(String... arguments) {
        Result result = execute(List.of(arguments));
        if (result.exitCode() != 0) {
            throw new IllegalStateException(command + " " + String.join(" ", arguments) + " exited with "
                    + result.exitCode() + ":\n" + result.output());
        }
        return result.output().strip();
    }

    /** Runs the engine and returns its exit status and output, whatever the status. */
    Result execute(String... arguments) {
        return execute(List.of(arguments));
    }

    private Result execute(List<String> arguments) {
        try {
            return executeOrThrow(arguments);
        } catch (IOException e) {
            throw new IllegalStateException(command + " could not be run", e);
        }
    }

    private Result executeOrThrow(List<String> arguments) throws IOException {
        List<String> line = new ArrayList<>();
        line.add(command);
        line.addAll(arguments);
        Path output = Files.createTempFile("container-engine", ".out");
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", line) + " did not end within " + COMMAND_TIMEOUT);
            }
            return new Result(process.exitValue(), withoutHealthTimerNoise(Files.readString(output,
                    StandardCharsets.UTF_8)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    // podman without systemd cannot schedule periodic health checks and says so on every run and stop; not an error here
    private static String withoutHealthTimerNoise(String output) {
        return output.lines().filter(line -> !line.contains("unable to get systemd connection"))
                .reduce("", (all, line) -> all + line + "\n");
    }

    /** What one command ended with. */
    record Result(int exitCode, String output) {
    }
}
