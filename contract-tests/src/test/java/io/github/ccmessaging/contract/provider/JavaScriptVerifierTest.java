package io.github.ccmessaging.contract.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ccmessaging.server.MessagingServer;
import io.github.ccmessaging.server.ServerSettings;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The JavaScript channel's pact verified as a JavaScript team would: Pact JS's verifier (the Pact core that the
 * JavaScript, .NET, Python and Go libraries share) against a running emulator, setting the states up through its state
 * change URL with the channel's headers ({@code verify.js}, which the README shows).
 */
class JavaScriptVerifierTest {

    @Test
    void pactJsVerifiesTheJavaScriptChannelsPactAgainstTheEmulator() throws IOException, InterruptedException {
        File js = new File(System.getProperty("messaging.js.dir", "src/test/js"));
        File pact = new File(MessagingApiProviderTest.PACTS, "js-channel-messaging-api.json");
        assertThat(pact).as("written by the JavaScript consumer test (npm test)").exists();
        try (MessagingServer server = MessagingServer.start(ServerSettings.builder().port(0).requestLog(false).build())) {
            ProcessBuilder node = new ProcessBuilder(List.of("node", "verify.js", server.baseUri().toString(),
                    pact.getAbsolutePath())).directory(js).redirectErrorStream(true);
            node.environment().put("PACT_DO_NOT_TRACK", "true");
            Process verifier = node.start();
            String output = new String(verifier.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(verifier.waitFor(120, TimeUnit.SECONDS)).as("the verifier ends").isTrue();

            assertThat(verifier.exitValue()).as(output).isZero();
            assertThat(output).contains("The emulator honours every interaction of the pact.");
            assertThat(output).as("every interaction was replayed").contains("has status code");
        }
    }
}
