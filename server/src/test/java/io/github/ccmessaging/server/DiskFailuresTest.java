package io.github.ccmessaging.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ccmessaging.server.store.ConversationStore;
import io.github.ccmessaging.server.store.jdbc.FailureWatchLog;
import io.github.ccmessaging.server.store.StoreSettings;
import io.github.ccmessaging.server.store.TestStores;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store on a real disk that fills up: a small tmpfs the test mounts (it needs root, as the build runs here
 * and in CI; elsewhere it is skipped, and {@link StoreFailuresTest} proves the same with injected failures). Writes are
 * answered 500 as a failure that needs an operator, {@code /health} says the store cannot write, and freeing space
 * brings it back without a restart. (A read-only disk is {@link ReadOnlyStoreTest}: the kernel refuses to remount a
 * file system read-only while the store has its files open, and a WAL database on a disk that is read-only at start
 * cannot even be opened, so the server does not start.)
 */
class DiskFailuresTest {
    @TempDir
    Path scratch;

    private Path disk;
    private boolean mounted;
    private ConversationStore store;
    private MessagingServer server;
    private ApiCalls api;
    private FailureWatchLog log;

    @BeforeEach
    void mountASmallDisk() throws Exception {
        disk = Files.createDirectory(scratch.resolve("disk"));
        Run mount = run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", disk.toString());
        Assumptions.assumeTrue(mount.exit() == 0,
                "mounting a tmpfs is not permitted here (it needs root): " + mount.output());
        mounted = true;
        log = FailureWatchLog.capture();
        serve();
    }

    private void serve() {
        Clock clock = Clock.systemUTC();
        store = TestStores.embedded(disk.resolve("data"), clock, Duration.ofSeconds(1));
        server = MessagingServer.start(TestServer.testDefaults().channel(TestServer.DEV)
                .store(StoreSettings.of(store)).build());
        api = new ApiCalls(server.baseUri(), TestServer.DEV);
    }


    @AfterEach
    void unmount() throws Exception {
        if (server != null) {
            server.close();
        }
        if (store != null) {
            store.close();
        }
        if (log != null) {
            log.close();
        }
        if (mounted) {
            run("umount", "-l", disk.toString());
        }
    }

    @Test
    void aFullDiskIsAFailureThatNeedsAnOperatorAndFreeingSpaceBringsTheStoreBack() throws Exception {
        String conversation = api.newConversation();
        Path filler = disk.resolve("filler");
        fill(filler);

        ApiCalls.Reply refused = firstRefusedOf(conversation, 200);

        assertThat(refused.status()).as(refused.body()).isEqualTo(500);
        assertThat(refused.headers()).doesNotContainKey("Retry-After").doesNotContainKey("retry-after");
        assertThat(refused.json().get("detail").asText()).contains("the disk is full");
        assertThat(health().json().get("details").get("store").asText()).contains("the disk is full");
        assertThat(log.errors()).singleElement().asString().contains("the disk is full")
                .contains("free space on the disk");

        Files.delete(filler);

        awaitHealthy();
        assertThat(api.message(conversation, "after").status()).isEqualTo(200);
    }

    /** Sends messages of 4,000 characters until one is refused. */
    private ApiCalls.Reply firstRefusedOf(String conversation, int tries) {
        String text = "x".repeat(4_000);
        for (int i = 0; i < tries; i++) {
            ApiCalls.Reply reply = api.message(conversation, text);
            if (reply.status() != 200) {
                return reply;
            }
        }
        throw new AssertionError("the full disk refused none of " + tries + " messages");
    }

    /** Writes zeros into {@code file} until the disk is full. */
    private static void fill(Path file) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // no space left on the device: as intended
        }
    }

    private ApiCalls.Reply health() {
        ApiCalls.Reply health = api.get("/health");
        assertThat(health.status()).as(health.body()).isEqualTo(503);
        return health;
    }

    private void awaitHealthy() throws InterruptedException {
        ApiCalls.Reply health = api.get("/health");
        for (int i = 0; i < 100 && health.status() != 200; i++) {
            Thread.sleep(100);
            health = api.get("/health");
        }
        assertThat(health.status()).as("healthy again: %s", health.body()).isEqualTo(200);
    }

    private record Run(int exit, String output) {
    }

    private static Run run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Run(-1, "timed out: " + output);
        }
        return new Run(process.exitValue(), output);
    }
}
