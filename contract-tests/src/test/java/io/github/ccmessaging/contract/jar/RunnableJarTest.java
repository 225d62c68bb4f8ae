package io.github.ccmessaging.contract.jar;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ccmessaging.client.MessagingClient;
import io.github.ccmessaging.client.model.CreateConversationResponse;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts {@code java -jar server/target/messaging-server.jar} as a user would and talks to it with the client. */
class RunnableJarTest {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

    @TempDir
    Path workingDirectory;

    @Test
    void runnableJarServesTheWellKnownDevelopmentChannelAndKeepsStateInDataByDefault() throws Exception {
        Path jar = Path.of(System.getProperty("messaging.server.jar", "../server/target/messaging-server.jar"));
        assertThat(jar).as("built by `mvn package` of the server module").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-jar", jar.toAbsolutePath().toString(), "--port", "0")
                .directory(workingDirectory.toFile()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>();
            String baseUri = null;
            for (String line = out.readLine(); line != null && lines.size() < 200; line = out.readLine()) {
                lines.add(line);
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    baseUri = m.group(1);
                }
                if (line.contains("state kept in:")) {
                    break;
                }
            }
            assertThat(baseUri).as(String.join("\n", lines)).isNotNull();
            assertThat(String.join("\n", lines))
                    .contains("c0ffee00-0000-4000-8000-000000000001")
                    .contains("c0ffee00-0000-4000-8000-000000000002")
                    .contains("emulator-dev-token")
                    .contains("data/messaging.db (embedded SQLite)");

            MessagingClient client = MessagingClient.builder().baseUri(baseUri)
                    .channelId("c0ffee00-0000-4000-8000-000000000001")
                    .organizationId("c0ffee00-0000-4000-8000-000000000002")
                    .token("emulator-dev-token").build();
            CreateConversationResponse created = client.createConversation();
            assertThat(created.getIsNew()).isTrue();
            assertThat(client.sendMessage(created.getConversationId(), "hello from the jar")).matches("\\d{13}");
            assertThat(workingDirectory.resolve("data/messaging.db")).isNotEmptyFile();
        } finally {
            process.destroy();
            process.waitFor();
        }
        assertThat(Files.size(jar)).isPositive();
    }
}
