package io.github.ccmessaging.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a person sees when starting the server: the version, a start-up that prints only the banner, and one clear
 * line — no stack trace — when it cannot start, found before anything is opened.
 */
class FirstRunTest {
    private static final List<String> BANNER_LINES = List.of("Messaging API server listening on ", "  channel-id:",
            "  organization-id:", "  token:", "  state kept in:", "  API docs:", "  webhook:", "  also JWTs from:");

    @TempDir
    Path workingDirectory;

    record Run(int exit, String output) {
        List<String> lines() {
            return output.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    private Process launch(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true).start();
    }

    /** Runs the server with these flags until it exits (it must, within a minute). */
    private Run run(String... args) throws Exception {
        Process process = launch(args);
        try (InputStream out = process.getInputStream()) {
            String output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited: %s", output).isTrue();
            return new Run(process.exitValue(), output);
        } finally {
            process.destroyForcibly();
        }
    }

    private static void assertOneClearLine(Run run, String... naming) {
        assertThat(run.exit()).as(run.output()).isNotZero();
        assertThat(run.lines()).as("one line, no stack trace").hasSize(1);
        assertThat(run.output()).contains(naming).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void versionNamesTheVersionAndTheCommitItWasBuiltFrom() throws Exception {
        Run run = run("--version");
        assertThat(run.exit()).isZero();
        assertThat(run.output().strip()).matches("messaging-server \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit \\S+.*\\)");
        boolean builtInAClone = Files.isDirectory(Path.of(System.getProperty("user.dir")).getParent().resolve(".git"));
        if (builtInAClone) {
            assertThat(run.output()).containsPattern("\\(commit [0-9a-f]{7,}");
        }
    }

    @Test
    void startUpPrintsTheBannerAndNothingElse() throws Exception {
        Process process = launch("--port", "0", "--data-dir", "data");
        try {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            InputStream out = process.getInputStream();
            long deadline = System.nanoTime() + 60_000_000_000L;
            // read until the banner's last line, then half a second more for anything printed late
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                if (out.available() == 0) {
                    Thread.sleep(20);
                    continue;
                }
                int c = out.read();
                if (c < 0) {
                    break;
                }
                if (c == '\n') {
                    lines.add(line.toString());
                    if (line.toString().startsWith("  API docs:")) {
                        quietUntil = System.nanoTime() + 500_000_000L;
                    }
                    line.setLength(0);
                } else {
                    line.append((char) c);
                }
            }
            assertThat(lines).as("the banner").anySatisfy(l -> assertThat(l).startsWith("  API docs:"));
            assertThat(lines).as("only the banner is printed at start-up")
                    .allSatisfy(l -> assertThat(BANNER_LINES).anySatisfy(start -> assertThat(l).startsWith(start)));
        } finally {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Nested
    class FailsFastInOneLine {

        @Test
        void whenThePortIsTakenBeforeTheDataDirectoryIsEvenCreated() throws Exception {
            try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                Run run = run("--port", Integer.toString(taken.getLocalPort()), "--data-dir", "data");
                assertOneClearLine(run, "127.0.0.1:" + taken.getLocalPort(), "in use");
            }
            assertThat(workingDirectory.resolve("data")).doesNotExist();
        }

        @Test
        void whenTheDataDirectoryIsAFile() throws Exception {
            Files.writeString(workingDirectory.resolve("a-file"), "not a directory");
            assertOneClearLine(run("--port", "0", "--data-dir", "a-file"), "a-file", "not a directory");
        }

        @Test
        void whenTheDataDirectoryIsNotWritable() throws Exception {
            Path readOnly = Files.createDirectory(workingDirectory.resolve("read-only"));
            Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m,ro", "tmpfs", readOnly.toString())
                    .redirectErrorStream(true).start();
            boolean mounted = mount.waitFor(10, TimeUnit.SECONDS) && mount.exitValue() == 0;
            assumeTrue(mounted, "mounting a read-only tmpfs needs root; not permitted here");
            try {
                assertOneClearLine(run("--port", "0", "--data-dir", "read-only"), "read-only", "not writable");
            } finally {
                new ProcessBuilder("umount", readOnly.toString()).start().waitFor(10, TimeUnit.SECONDS);
            }
        }

        @Test
        void whenAnotherServerHoldsTheDataDirectoryNamingItsProcess() throws Exception {
            try (ServerProcess first = ServerProcess.start("--data-dir", workingDirectory.resolve("shared").toString())) {
                Run second = run("--port", "0", "--data-dir", workingDirectory.resolve("shared").toString());
                assertOneClearLine(second, "shared", "in use by another server", "(process ");
                assertThat(first.dev().get("/health").status()).as("the first server goes on").isEqualTo(200);
            }
        }

        @Test
        void whenAFlagIsMalformed() throws Exception {
            Run run = run("--port", "0", "--channel-id", "not-a-guid");
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.output()).contains("GUID").doesNotContain("\tat ");
        }
    }
}
