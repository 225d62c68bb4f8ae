package io.github.ccmessaging.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ccmessaging.server.activity.ActivityRules;
import io.github.ccmessaging.server.auth.Authenticator;
import io.github.ccmessaging.server.auth.JwtSettings;
import io.github.ccmessaging.server.channel.ChannelRegistry;
import io.github.ccmessaging.server.conversation.ConversationResource;
import io.github.ccmessaging.server.emulator.DeliveredActivity;
import io.github.ccmessaging.server.emulator.EmulatorResource;
import io.github.ccmessaging.server.http.HttpFeatures;
import io.github.ccmessaging.server.http.HttpLimits;
import io.github.ccmessaging.server.operations.Metrics;
import io.github.ccmessaging.server.operations.OperationsResource;
import io.github.ccmessaging.server.operations.TimedConversationStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.github.ccmessaging.server.http.ObjectMapperProvider;
import io.github.ccmessaging.server.store.ConversationStore;
import io.github.ccmessaging.server.webhook.DeliveryListener;
import io.github.ccmessaging.server.webhook.WebhookDispatcher;
import java.time.Clock;
import org.glassfish.jersey.server.ResourceConfig;

/** Wires the application. The one factory used by {@link Main} and by every test, so the wiring cannot drift. */
public final class MessagingApp {
    private MessagingApp() {
    }

    public static ResourceConfig createApp(ChannelRegistry channels, ConversationStore store, Clock clock) {
        return createApp(channels, store, clock, AppOptions.defaults());
    }

    /** The application accepting, besides the channels' static tokens, JWTs as {@code jwt} says (when not null). */
    public static ResourceConfig createApp(ChannelRegistry channels, ConversationStore store, Clock clock,
                                           JwtSettings jwt) {
        return createApp(channels, store, clock, AppOptions.defaults().withJwt(jwt));
    }

    public static ResourceConfig createApp(ChannelRegistry channels, ConversationStore store, Clock clock,
                                           JwtSettings jwt, HttpLimits limits) {
        return createApp(channels, store, clock, AppOptions.defaults().withJwt(jwt).withLimits(limits));
    }

    public static ResourceConfig createApp(ChannelRegistry channels, ConversationStore store, Clock clock,
                                           AppOptions options) {
        ObjectMapperProvider mappers = new ObjectMapperProvider();
        ObjectMapper json = mappers.getContext(Object.class);
        PrometheusMeterRegistry meters = Metrics.newRegistry();
        ConversationStore timedStore = new TimedConversationStore(store, meters);
        WebhookDispatcher webhooks = new WebhookDispatcher(options.webhooks(), timedStore, new DeliveredActivity(json),
                DeliveryListener.NONE, clock, meters);
        ResourceConfig config = new ResourceConfig();
        HttpFeatures.register(config, mappers, channels, Authenticator.of(options.jwt()), options.limits(), meters);
        config.register(Metrics.requestListener(meters));
        config.register(new ConversationResource(timedStore, new ActivityRules(json), json, clock));
        if (options.emulator()) {
            config.register(new EmulatorResource(timedStore, channels, webhooks, json, clock));
        }
        config.register(new OperationsResource(timedStore, meters));
        config.register(new ClosesOnShutdown(webhooks));
        return config;
    }
}
