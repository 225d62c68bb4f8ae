package io.github.ccmessaging.junit;

import io.github.ccmessaging.server.ServerSettings;
import java.net.URI;
import java.util.function.Consumer;

/**
 * How the extension starts its emulator, from {@link MessagingEmulatorTest} or the extension's builder.
 *
 * @param credentials the channel the emulator serves
 * @param state when the emulator forgets its state
 * @param requestLog whether the server logs each request
 * @param webhookUrl the test's own webhook, or null for a {@link WebhookInbox}
 * @param settings changes to the server's settings, applied last; null for none
 */
record EmulatorOptions(ChannelCredentials credentials, StateLifecycle state, boolean requestLog, URI webhookUrl,
                       Consumer<ServerSettings.Builder> settings) {

    static EmulatorOptions of(MessagingEmulatorTest annotation) {
        return new EmulatorOptions(ChannelCredentials.devChannel(), annotation.state(), annotation.requestLog(), null,
                null);
    }
}
