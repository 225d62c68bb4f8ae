package io.github.ccmessaging.junit;

import io.github.ccmessaging.client.EmulatorClient;
import io.github.ccmessaging.client.MessagingClient;
import java.net.URI;
import java.util.Set;

/** The types the extension fills in, and where each value comes from. */
final class Injectable {
    private static final Set<Class<?>> TYPES = Set.of(MessagingClient.class, EmulatorClient.class,
            WebhookInbox.class, ChannelCredentials.class, URI.class);

    private Injectable() {
    }

    static boolean supports(Class<?> type) {
        return TYPES.contains(type);
    }

    /**
     * The value of that type.
     *
     * @throws IllegalStateException when the extension has none (no inbox, or no emulator running)
     */
    static Object valueOf(Class<?> type, MessagingEmulatorExtension extension) {
        if (type == MessagingClient.class) {
            return extension.client();
        }
        if (type == EmulatorClient.class) {
            return extension.emulator();
        }
        if (type == WebhookInbox.class) {
            return extension.inbox();
        }
        if (type == ChannelCredentials.class) {
            return extension.credentials();
        }
        if (type == URI.class) {
            return extension.baseUri();
        }
        throw new IllegalArgumentException("The emulator cannot provide a " + type.getName());
    }
}
