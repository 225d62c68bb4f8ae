package io.github.ccmessaging.contract.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import au.com.dius.pact.core.model.DefaultPactReader;
import au.com.dius.pact.core.model.Interaction;
import au.com.dius.pact.core.model.Pact;
import au.com.dius.pact.core.model.ProviderState;
import au.com.dius.pact.provider.ConsumerInfo;
import au.com.dius.pact.provider.ProviderInfo;
import au.com.dius.pact.provider.ProviderVerifier;
import au.com.dius.pact.provider.VerificationResult;
import io.github.ccmessaging.server.MessagingServer;
import io.github.ccmessaging.server.ServerSettings;
import io.github.ccmessaging.server.pact.ProviderStates;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every pact written for the Messaging API — the Java client's and the JavaScript channel's — against the real
 * server, started in-process on a free port, the way a channel team verifies its own pacts against the emulator: the
 * verifier sets each interaction's provider states up through the emulator's state change URL
 * ({@code POST /emulator/pact/provider-states}, with the channel's headers) and tears them down after it. There is no
 * state code here: every state comes from the emulator's documented catalogue.
 */
class MessagingApiProviderTest {
    static final String PROVIDER = "messaging-api";
    static final File PACTS = new File("target/pacts");
    /** Pact JVM's state change request filter, a Groovy script as in the Maven and Gradle plugins' configuration. */
    static final String CHANNEL_HEADERS = "request.addHeader('Authorization', 'Bearer " + ServerSettings.DEV_TOKEN
            + "'); request.addHeader('channel-id', '" + ServerSettings.DEV_CHANNEL_ID
            + "'); request.addHeader('organization-id', '" + ServerSettings.DEV_ORGANIZATION_ID + "')";

    private static MessagingServer server;

    @BeforeAll
    static void startServer() {
        server = MessagingServer.start(ServerSettings.builder().port(0).requestLog(false).build());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static List<Pact> pacts() {
        File[] files = PACTS.listFiles((dir, name) -> name.endsWith(".json"));
        assertThat(files).as("pacts in %s (the consumer tests write them first)", PACTS).isNotNull();
        return Arrays.stream(files).sorted()
                .map(file -> (Pact) DefaultPactReader.INSTANCE.loadPact(file))
                .filter(pact -> PROVIDER.equals(pact.getProvider().getName()))
                .toList();
    }

    private static ProviderInfo provider() throws MalformedURLException {
        URI base = server.baseUri();
        ProviderInfo provider = new ProviderInfo(PROVIDER);
        provider.setProtocol(base.getScheme());
        provider.setHost(base.getHost());
        provider.setPort(base.getPort());
        provider.setStateChangeUrl(base.resolve("/emulator/pact/provider-states").toURL());
        provider.setStateChangeTeardown(true);
        provider.setStateChangeRequestFilter(CHANNEL_HEADERS);
        return provider;
    }

    @TestFactory
    Stream<DynamicTest> everyInteractionHoldsWithItsStatesSetUpThroughTheStateChangeUrl() throws MalformedURLException {
        ProviderInfo provider = provider();
        List<Pact> pacts = pacts();
        assertThat(pacts).extracting(pact -> pact.getConsumer().getName())
                .as("the Java client's pact and the JavaScript channel's").contains("custom-channel", "js-channel");
        return pacts.stream().flatMap(pact -> pact.getInteractions().stream().map(interaction ->
                dynamicTest(pact.getConsumer().getName() + " - " + interaction.getDescription(),
                        () -> verify(provider, pact, interaction))));
    }

    private static void verify(ProviderInfo provider, Pact pact, Interaction interaction) {
        ProviderVerifier verifier = new ProviderVerifier();
        verifier.setReporters(List.of());
        Map<String, Object> failures = new HashMap<>();
        VerificationResult result = verifier.verifyInteraction(provider,
                new ConsumerInfo(pact.getConsumer().getName()), failures, interaction);
        assertThat(result).as("%s", failures).isInstanceOf(VerificationResult.Ok.class);
    }

    @Test
    void thePactsExerciseTheWholeStateCatalogue() {
        Set<String> named = new TreeSet<>();
        pacts().forEach(pact -> pact.getInteractions().forEach(interaction -> interaction.getProviderStates().stream()
                .map(ProviderState::getName).filter(Objects::nonNull).forEach(named::add)));

        assertThat(named).containsAll(ProviderStates.CATALOGUE);
    }
}
