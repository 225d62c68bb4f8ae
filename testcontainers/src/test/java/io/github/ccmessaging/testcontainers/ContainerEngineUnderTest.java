package io.github.ccmessaging.testcontainers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opentest4j.TestAbortedException;
import org.testcontainers.DockerClientFactory;

/**
 * The Docker-API engine Testcontainers finds ({@code DOCKER_HOST}, e.g. podman's {@code podman system service}),
 * with the image of this build loaded; the tests are skipped (saying why) without one, and fail instead when
 * {@code MESSAGING_TEST_REQUIRE_CONTAINERS=1} (CI).
 */
final class ContainerEngineUnderTest {

    static final String REQUIRE_VARIABLE = "MESSAGING_TEST_REQUIRE_CONTAINERS";

    private ContainerEngineUnderTest() {
    }

    /**
     * The engine with the image loaded; {@code null} when there is none, after printing why the tests will be
     * skipped or fail.
     */
    static DockerClient withImageLoadedOrNull() {
        String problem = problem();
        if (problem != null) {
            System.err.println(refusal(problem, required()).getMessage());
            return null;
        }
        DockerClient docker = DockerClientFactory.instance().client();
        loadUnlessPresent(docker);
        return docker;
    }

    /**
     * Skips the calling test when there is no engine, or fails it when {@code MESSAGING_TEST_REQUIRE_CONTAINERS=1}
     * (CI). Called before each test, so that the report counts every test as skipped.
     */
    static void refuseWithout(DockerClient docker) {
        if (docker == null) {
            throw refusal("no container engine", required());
        }
    }

    private static boolean required() {
        return "1".equals(System.getenv(REQUIRE_VARIABLE));
    }

    /** A skip saying why there is no engine, or a failure when one is required. */
    static RuntimeException refusal(String problem, boolean required) {
        String setUp = "see README, \"The container image\" (podman system service and DOCKER_HOST)";
        return required
                ? new IllegalStateException("Testcontainers tests FAILED: " + problem + ", and " + REQUIRE_VARIABLE
                        + "=1 requires an engine; " + setUp)
                : new TestAbortedException("Testcontainers tests SKIPPED: " + problem + "; " + setUp + ", or set "
                        + REQUIRE_VARIABLE + "=1 to make this a failure");
    }

    static boolean isPodman(DockerClient docker) {
        return docker.versionCmd().exec().getComponents().stream()
                .anyMatch(component -> component.getName().toLowerCase().contains("podman"));
    }

    private static String problem() {
        // asked first, so that a machine without any engine is not told about every strategy Testcontainers tried
        boolean configured = System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
        if (!configured) {
            return "no container engine (DOCKER_HOST is not set and /var/run/docker.sock does not exist)";
        }
        return DockerClientFactory.instance().isDockerAvailable() ? null
                : "Testcontainers found no working engine at DOCKER_HOST=" + System.getenv("DOCKER_HOST");
    }

    private static void loadUnlessPresent(DockerClient docker) {
        String image = MessagingEmulatorContainer.DEFAULT_IMAGE.asCanonicalNameString();
        Path tarball = Path.of(System.getProperty("messaging.image.tarball"));
        try {
            String builtId = Files.readString(Path.of(System.getProperty("messaging.image.id"))).strip();
            try {
                if (builtId.equals(docker.inspectImageCmd(image).exec().getId())) {
                    return;
                }
            } catch (NotFoundException e) {
                // not loaded yet
            }
            try (InputStream in = Files.newInputStream(tarball)) {
                docker.loadImageCmd(in).exec();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + tarball + " (built by the container module)", e);
        }
    }
}
