package io.github.ccmessaging.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ccmessaging.server.auth.JwtSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {
    @Test
    void withoutFlagsServesTheWellKnownDevelopmentChannelOnPort8080() {
        Main main = new Main();
        new CommandLine(main).parseArgs();
        // environment variables may override defaults; only assert them where the variable is unset
        if (System.getenv("MESSAGING_PORT") == null) {
            assertThat(main.port).isEqualTo(8080);
        }
        if (System.getenv("MESSAGING_CHANNEL_ID") == null) {
            assertThat(main.channelId).isEqualTo(ServerSettings.DEV_CHANNEL_ID);
        }
        if (System.getenv("MESSAGING_TOKEN") == null) {
            assertThat(main.token).isEqualTo(ServerSettings.DEV_TOKEN);
        }
    }

    @Test
    void flagsOverrideTheDefaults() {
        Main main = new Main();
        new CommandLine(main).parseArgs("--port", "9001", "--channel-id", "11111111-2222-4333-8444-555555555555",
                "--organization-id", "11111111-2222-4333-8444-666666666666", "--token", "s3cret", "--host", "0.0.0.0",
                "--webhook-url", "http://127.0.0.1:9090/webhook", "--webhook-token", "hook-secret",
                "--max-body-bytes", "4096", "--rate-limit", "20");
        assertThat(main.port).isEqualTo(9001);
        assertThat(main.channelId).isEqualTo("11111111-2222-4333-8444-555555555555");
        assertThat(main.organizationId).isEqualTo("11111111-2222-4333-8444-666666666666");
        assertThat(main.token).isEqualTo("s3cret");
        assertThat(main.host).isEqualTo("0.0.0.0");
        assertThat(main.webhookUrl).isEqualTo("http://127.0.0.1:9090/webhook");
        assertThat(main.webhookToken).isEqualTo("hook-secret");
        assertThat(main.maxBodyBytes).isEqualTo(4096);
        assertThat(main.rateLimit).isEqualTo(20);
    }

    @Test
    void theStoreTimeoutIsTwoSecondsUnlessToldAndTheEmulatorIsOnUnlessTurnedOff() {
        Main defaults = new Main();
        new CommandLine(defaults).parseArgs();
        if (System.getenv("MESSAGING_STORE_TIMEOUT") == null) {
            assertThat(defaults.store.storeTimeout()).isEqualTo(Duration.ofSeconds(2));
        }
        if (System.getenv("MESSAGING_EMULATOR") == null) {
            assertThat(defaults.emulator).isTrue();
        }

        Main told = new Main();
        new CommandLine(told).parseArgs("--store-timeout", "0.5", "--no-emulator");
        assertThat(told.store.storeTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(told.emulator).isFalse();

        Main on = new Main();
        new CommandLine(on).parseArgs("--emulator");
        assertThat(on.emulator).isTrue();
    }

    @Test
    void refusesAStoreTimeoutBelowAQuarterOfASecond() {
        int exit = new CommandLine(new Main()).execute("--store-timeout", "0.1", "--port", "0", "--in-memory");
        assertThat(exit).isEqualTo(2);
    }

    @Test
    void refusesAWebhookTokenEqualToTheChannelsToken() {
        int exit = new CommandLine(new Main()).execute("--port", "0", "--in-memory", "--token", "same",
                "--webhook-url", "http://127.0.0.1:9/hook", "--webhook-token", "same");
        assertThat(exit).isEqualTo(2);
    }

    @Test
    void refusesAChannelIdThatIsNotAGuid() {
        int exit = new CommandLine(new Main()).execute("--channel-id", "nope", "--port", "0");
        assertThat(exit).isEqualTo(2);
    }

    private static ServerSettings settingsOf(String... args) {
        Main main = new Main();
        new CommandLine(main).parseArgs(args);
        return main.settings();
    }

    @Test
    void requestThreadsSuitTheStoreUnlessToldOtherwise() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(MessagingServer.requestThreads(settingsOf("--in-memory"))).as("in memory: on the selector threads")
                .isZero();
        assertThat(MessagingServer.requestThreads(settingsOf("--data-dir", "somewhere"))).isEqualTo(cores);
        assertThat(MessagingServer.requestThreads(settingsOf("--database-url", "jdbc:postgresql://db.example/messaging")))
                .isEqualTo(MessagingServer.BLOCKING_STORE_THREADS);
        assertThat(MessagingServer.requestThreads(settingsOf("--in-memory", "--request-threads", "7"))).isEqualTo(7);
    }

    @Test
    void inMemoryKeepsRequestThreadsWhenJwtKeysAreFetchedFromAUrl() {
        JwtSettings fetched = new JwtSettings("https://issuer.example/", "api://messaging",
                java.net.URI.create("https://issuer.example/keys"), null, java.util.Map.of("client", java.util.Set.of(ServerSettings.DEV_CHANNEL_ID)));
        assertThat(MessagingServer.requestThreads(ServerSettings.builder().jwt(fetched).build()))
                .isEqualTo(2 * Runtime.getRuntime().availableProcessors());
    }

    @Test
    void theFastPathIsTakenUnlessTurnedOff() throws NoSuchFieldException {
        if (System.getenv("MESSAGING_FAST_PATH") == null) {
            assertThat(settingsOf("--in-memory").fastPath()).isTrue();
        }
        ServerSettings off = settingsOf("--in-memory", "--no-fast-path");
        assertThat(off.fastPath()).isFalse();
        assertThat(settingsOf("--in-memory", "--fast-path").fastPath()).isTrue();
        assertThat(MessagingServer.requestThreads(off)).as("without the fast path nothing is served in place")
                .isEqualTo(2 * Runtime.getRuntime().availableProcessors());
        assertThat(ServerSettings.builder().fastPath(false).build().toBuilder().build().fastPath()).isFalse();
        assertThat(ServerSettings.builder().build().fastPath()).as("the settings' default").isTrue();
        assertThat(Main.class.getDeclaredField("fastPath").getAnnotation(CommandLine.Option.class).defaultValue())
                .as("an operator turns it off with MESSAGING_FAST_PATH=false").isEqualTo("${env:MESSAGING_FAST_PATH:-true}");
        String env = System.getenv("MESSAGING_FAST_PATH");
        if (env != null) {
            assertThat(settingsOf("--in-memory").fastPath()).isEqualTo(Boolean.parseBoolean(env));
        }
    }

    @Test
    void bodyAndIdleTimeoutsAreFlags() {
        ServerSettings defaults = settingsOf("--in-memory");
        ServerSettings told = settingsOf("--in-memory", "--body-timeout", "2.5", "--idle-timeout", "7");
        if (System.getenv("MESSAGING_BODY_TIMEOUT") == null) {
            assertThat(defaults.limits().bodyTimeout()).isEqualTo(java.time.Duration.ofSeconds(10));
        }
        assertThat(told.limits().bodyTimeout()).isEqualTo(java.time.Duration.ofMillis(2500));
        assertThat(told.limits().idleTimeout()).isEqualTo(java.time.Duration.ofSeconds(7));
    }

    @Test
    void refusesANonPositiveBodyTimeout() {
        int exit = new CommandLine(new Main()).execute("--body-timeout", "0", "--port", "0", "--in-memory");
        assertThat(exit).isEqualTo(2);
    }

    @Test
    void refusesANegativeNumberOfRequestThreads() {
        int exit = new CommandLine(new Main()).execute("--request-threads", "-1", "--port", "0", "--in-memory");
        assertThat(exit).isEqualTo(2);
    }

    @Test
    void theJournalKeeps1000RequestsPerChannelUnlessToldOtherwise() throws NoSuchFieldException {
        if (System.getenv("MESSAGING_JOURNAL_SIZE") == null) {
            assertThat(settingsOf("--in-memory").journalSize()).isEqualTo(1000);
        }
        assertThat(settingsOf("--in-memory", "--journal-size", "0").journalSize()).as("0 turns it off").isZero();
        assertThat(settingsOf("--in-memory", "--journal-size", "25").journalSize()).isEqualTo(25);
        assertThat(Main.class.getDeclaredField("journalSize").getAnnotation(CommandLine.Option.class).defaultValue())
                .startsWith("${env:MESSAGING_JOURNAL_SIZE:-");
    }

    @Test
    void refusesANegativeJournalSize() {
        int exit = new CommandLine(new Main()).execute("--journal-size", "-1", "--port", "0", "--in-memory");
        assertThat(exit).isEqualTo(2);
    }
}
