package io.github.ccmessaging.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ccmessaging.server.auth.JwtSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class JwtOptionsTest {
    private static final String CHANNEL = ServerSettings.DEV_CHANNEL_ID;
    private static final String OTHER_CHANNEL = "11111111-2222-4333-8444-555555555555";

    @Test
    void withoutJwtFlagsOnlyTheStaticTokenIsAccepted() {
        Main main = new Main();
        new CommandLine(main).parseArgs();
        if (System.getenv("MESSAGING_JWT_ISSUER") == null && System.getenv("MESSAGING_JWT_CLIENTS") == null) {
            assertThat(main.jwt.settings()).isNull();
        }
    }

    @Test
    void flagsDescribeTheAcceptedJwts() {
        Main main = new Main();
        new CommandLine(main).parseArgs("--jwt-issuer", "https://sts.windows.net/t/", "--jwt-audience", "api://x",
                "--jwt-jwks-url", "https://login.microsoftonline.com/common/discovery/keys",
                "--jwt-client", "app-1=" + CHANNEL + "," + OTHER_CHANNEL, "--jwt-client", "app-2=" + CHANNEL);

        JwtSettings jwt = main.jwt.settings();

        assertThat(jwt.issuer()).isEqualTo("https://sts.windows.net/t/");
        assertThat(jwt.audience()).isEqualTo("api://x");
        assertThat(jwt.jwksUrl()).isEqualTo(URI.create("https://login.microsoftonline.com/common/discovery/keys"));
        assertThat(jwt.keyFile()).isNull();
        assertThat(jwt.clientChannels().get("app-1")).containsExactlyInAnyOrder(CHANNEL, OTHER_CHANNEL);
        assertThat(jwt.clientChannels().get("app-2")).containsExactly(CHANNEL);
    }

    @Test
    void aKeyFileCanReplaceTheJwksUrlAndClientsCanBeSeparatedBySemicolons(@TempDir Path dir) throws IOException {
        Path keys = Files.writeString(dir.resolve("jwks.json"), "{\"keys\":[]}");
        Main main = new Main();
        new CommandLine(main).parseArgs("--jwt-issuer", "iss", "--jwt-audience", "aud", "--jwt-key-file",
                keys.toString(), "--jwt-client", "app-1=" + CHANNEL + ";app-2=" + OTHER_CHANNEL);

        JwtSettings jwt = main.jwt.settings();

        assertThat(jwt.keyFile()).isEqualTo(keys);
        assertThat(jwt.clientChannels()).containsOnlyKeys("app-1", "app-2");
    }

    @Test
    void refusesToStartWithIncompleteJwtFlags() {
        int exit = new CommandLine(new Main()).execute("--port", "0", "--jwt-issuer", "iss", "--jwt-client",
                "app=" + CHANNEL);
        assertThat(exit).isEqualTo(2);
    }

    @Test
    void refusesToStartWithAnUnreadableKeyFile(@TempDir Path dir) {
        int exit = new CommandLine(new Main()).execute("--port", "0", "--jwt-issuer", "iss", "--jwt-audience", "aud",
                "--jwt-key-file", dir.resolve("missing.json").toString(), "--jwt-client", "app=" + CHANNEL);
        assertThat(exit).isEqualTo(2);
    }
}
