package io.github.ccmessaging.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ccmessaging.server.activity.ActivityRules;
import io.github.ccmessaging.server.auth.Authenticator;
import io.github.ccmessaging.server.channel.ChannelRegistry;
import io.github.ccmessaging.server.conversation.ConversationResource;
import io.github.ccmessaging.server.emulator.DeliveredActivity;
import io.github.ccmessaging.server.emulator.EmulatorResource;
import io.github.ccmessaging.server.http.HttpFeatures;
import io.github.ccmessaging.server.http.ObjectMapperProvider;
import io.github.ccmessaging.server.operations.Metrics;
import io.github.ccmessaging.server.operations.OperationsResource;
import io.github.ccmessaging.server.operations.TimedConversationStore;
import io.github.ccmessaging.server.store.ConversationStore;
import io.github.ccmessaging.server.webhook.DeliveryListener;
import io.github.ccmessaging.server.webhook.WebhookDispatcher;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import org.glassfish.jersey.server.ResourceConfig;

/** Wires the Jersey application; only {@link MessagingServer#start} calls it, so the wiring cannot drift. */
final class MessagingApp {
    private MessagingApp() {
    }

    static ResourceConfig createApp(ServerSettings settings, ConversationStore store, ChannelRegistry channels,
                                    ObjectMapperProvider mappers) {
        Clock clock = settings.clock();
        ObjectMapper json = mappers.getContext(Object.class);
        PrometheusMeterRegistry meters = Metrics.newRegistry();
        AutoCloseable jvmMeters = Metrics.bindJvmMeters(meters);
        ConversationStore timedStore = new TimedConversationStore(store, meters);
        WebhookDispatcher webhooks = new WebhookDispatcher(settings.webhooks(), timedStore, new DeliveredActivity(json),
                DeliveryListener.NONE, clock, meters);
        ResourceConfig config = new ResourceConfig();
        HttpFeatures.register(config, mappers, channels, Authenticator.of(settings.jwt()), settings.limits(),
                settings.requestLog(), meters);
        config.register(Metrics.requestListener(meters));
        config.register(new ConversationResource(timedStore, new ActivityRules(json), json, clock));
        config.register(new EmulatorResource(timedStore, channels, webhooks, json, clock));
        config.register(new OperationsResource(timedStore, meters));
        config.register(new ClosesOnShutdown(webhooks, jvmMeters));
        return config;
    }
}
