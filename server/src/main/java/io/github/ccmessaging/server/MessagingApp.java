package io.github.ccmessaging.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ccmessaging.server.activity.ActivityRules;
import io.github.ccmessaging.server.channel.ChannelRegistry;
import io.github.ccmessaging.server.conversation.ConversationResource;
import io.github.ccmessaging.server.documentation.DocumentationResource;
import io.github.ccmessaging.server.console.ConsoleResource;
import io.github.ccmessaging.server.emulator.DeliveredActivity;
import io.github.ccmessaging.server.emulator.DeliveryEvents;
import io.github.ccmessaging.server.emulator.EventPublishingStore;
import io.github.ccmessaging.server.emulator.EmulatorResource;
import io.github.ccmessaging.server.fault.FaultRules;
import io.github.ccmessaging.server.http.BearerTokenFilter;
import io.github.ccmessaging.server.fastpath.FastPath;
import io.github.ccmessaging.server.http.HttpFeatures;
import io.github.ccmessaging.server.journal.JournalFilter;
import io.github.ccmessaging.server.journal.RequestJournal;
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
                                    ObjectMapperProvider mappers, EventStreams streams,
                                    BearerTokenFilter authentication, FaultRules faults, RequestJournal journal,
                                    FastPath fastPath) {
        Clock clock = settings.clock();
        ObjectMapper json = mappers.getContext(Object.class);
        PrometheusMeterRegistry meters = Metrics.newRegistry();
        AutoCloseable jvmMeters = Metrics.bindJvmMeters(meters);
        ConversationStore timedStore = new EventPublishingStore(new TimedConversationStore(store, meters), streams, json);
        WebhookDispatcher webhooks = new WebhookDispatcher(settings.webhooks(), timedStore, new DeliveredActivity(json),
                new DeliveryEvents(streams, json), clock, meters, faults);
        ResourceConfig config = new ResourceConfig();
        config.property(ServerProperties.RESOURCE_VALIDATION_DISABLE, MODEL_CHECKED.get());
        HttpFeatures.register(config, mappers, authentication, settings.limits(), settings.requestLog(), meters);
        if (journal.enabled()) {
            config.register(new JournalFilter(journal, channels, clock));
        }
        config.register(Metrics.requestListener(meters));
        fastPath.register(config, meters, streams);
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
                bind(faults).to(FaultRules.class);
                bind(journal).to(RequestJournal.class);
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
        config.register(new ClosesOnShutdown(webhooks, jvmMeters));
        return config;
    }
}
