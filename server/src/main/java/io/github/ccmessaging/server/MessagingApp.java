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
import java.util.concurrent.atomic.AtomicBoolean;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/** Wires the Jersey application; only {@link MessagingServer#start} calls it, so the wiring cannot drift. */
final class MessagingApp {
    /**
     * Jersey checks the resource model at every start (a tenth of a later start); the model is the same for every
     * server of the JVM, so once one server started, the next ones skip the check.
     */
    private static final AtomicBoolean MODEL_CHECKED = new AtomicBoolean();

    private MessagingApp() {
    }

    /** Called once a server started: its resource model passed Jersey's check. */
    static void modelChecked() {
        MODEL_CHECKED.set(true);
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
        config.property(ServerProperties.RESOURCE_VALIDATION_DISABLE, MODEL_CHECKED.get());
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
