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

    /** Skips or fails the calling tests when there is no engine; otherwise loads the image when it is missing. */
    static DockerClient withImageLoaded() {
        String problem = problem();
        if (problem != null) {
            RuntimeException refusal = refusal(problem, "1".equals(System.getenv(REQUIRE_VARIABLE)));
            if (refusal instanceof TestAbortedException) {
                System.err.println(refusal.getMessage());
            }
            throw refusal;
        }
        DockerClient docker = DockerClientFactory.instance().client();
        loadUnlessPresent(docker);
        return docker;
    }

    /** A skip saying why there is no engine, or a failure when one is required. */
    static RuntimeException refusal(String problem, boolean required) {
        String reason = "Testcontainers tests SKIPPED: " + problem + "; see README, \"The container image\" (podman "
                + "system service and DOCKER_HOST), or set " + REQUIRE_VARIABLE + "=1 to make this a failure";
        return required ? new IllegalStateException(reason.replace("SKIPPED", "FAILED"))
                : new TestAbortedException(reason);
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
