package io.github.ccmessaging.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ccmessaging.server.activity.ActivityRules;
import io.github.ccmessaging.server.auth.Authenticator;
import io.github.ccmessaging.server.channel.ChannelRegistry;
import io.github.ccmessaging.server.conversation.ConversationResource;
import io.github.ccmessaging.server.documentation.DocumentationResource;
import io.github.ccmessaging.server.console.ConsoleResource;
import io.github.ccmessaging.server.emulator.DeliveredActivity;
import io.github.ccmessaging.server.emulator.DeliveryEvents;
import io.github.ccmessaging.server.emulator.EventPublishingStore;
import io.github.ccmessaging.server.emulator.EmulatorResource;
import io.github.ccmessaging.server.fastpath.FastPath;
import io.github.ccmessaging.server.http.HttpFeatures;
import io.github.ccmessaging.server.http.ObjectMapperProvider;
import io.github.ccmessaging.server.operations.Metrics;
import io.github.ccmessaging.server.operations.OperationsResource;
import io.github.ccmessaging.server.operations.TimedConversationStore;
import io.github.ccmessaging.server.store.ConversationStore;
import io.github.ccmessaging.server.stream.EventStreams;
import io.github.ccmessaging.server.webhook.WebhookDispatcher;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import org.glassfish.hk2.utilities.binding.AbstractBinder;
import org.glassfish.jersey.media.sse.SseFeature;
import org.glassfish.jersey.server.ResourceConfig;

/** Wires the Jersey application; only {@link MessagingServer#start} calls it, so the wiring cannot drift. */
final class MessagingApp {
    private MessagingApp() {
    }

    static ResourceConfig createApp(ServerSettings settings, ConversationStore store, ChannelRegistry channels,
                                    ObjectMapperProvider mappers, EventStreams streams, FastPath fastPath) {
        Clock clock = settings.clock();
        ObjectMapper json = mappers.getContext(Object.class);
        PrometheusMeterRegistry meters = Metrics.newRegistry();
        ConversationStore timedStore = new EventPublishingStore(new TimedConversationStore(store, meters), streams, json);
        WebhookDispatcher webhooks = new WebhookDispatcher(settings.webhooks(), timedStore, new DeliveredActivity(json),
                new DeliveryEvents(streams, json), clock, meters);
        ResourceConfig config = new ResourceConfig();
        HttpFeatures.register(config, mappers, channels, Authenticator.of(settings.jwt()), settings.limits(),
                settings.requestLog(), meters);
        config.register(Metrics.requestListener(meters));
        fastPath.register(config, meters);
        // resources are Jersey-managed singletons built from these collaborators
        config.register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(timedStore).to(ConversationStore.class);
                bind(new ActivityRules(json)).to(ActivityRules.class);
                bind(json).to(ObjectMapper.class);
                bind(clock).to(Clock.class);
                bind(channels).to(ChannelRegistry.class);
                bind(webhooks).to(WebhookDispatcher.class);
                bind(meters).to(PrometheusMeterRegistry.class);
                bind(streams).to(EventStreams.class);
            }
        });
        config.register(ConversationResource.class);
        config.register(OperationsResource.class);
        config.register(DocumentationResource.class);
        if (settings.emulator()) {
            config.register(SseFeature.class);
            config.register(EmulatorResource.class);
            // the console plays the representative through the emulator's endpoints
            config.register(ConsoleResource.class);
        }
        config.register(new ClosesOnShutdown(webhooks));
        return config;
    }
}
