package io.github.ccmessaging.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ccmessaging.server.activity.ActivityRules;
import io.github.ccmessaging.server.channel.ChannelRegistry;
import io.github.ccmessaging.server.conversation.ConversationResource;
import io.github.ccmessaging.server.http.HttpFeatures;
import io.github.ccmessaging.server.http.ObjectMapperProvider;
import io.github.ccmessaging.server.store.ConversationStore;
import java.time.Clock;
import org.glassfish.jersey.server.ResourceConfig;

/** Wires the application. The one factory used by {@link Main} and by every test, so the wiring cannot drift. */
public final class MessagingApp {
    private MessagingApp() {
    }

    public static ResourceConfig createApp(ChannelRegistry channels, ConversationStore store, Clock clock) {
        ObjectMapperProvider mappers = new ObjectMapperProvider();
        ObjectMapper json = mappers.getContext(Object.class);
        ResourceConfig config = new ResourceConfig();
        HttpFeatures.register(config, mappers, channels);
        config.register(new ConversationResource(store, new ActivityRules(json), json, clock));
        return config;
    }
}
