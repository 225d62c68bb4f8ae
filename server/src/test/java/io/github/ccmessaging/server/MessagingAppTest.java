package io.github.ccmessaging.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ccmessaging.server.auth.Authenticator;
import io.github.ccmessaging.server.channel.ChannelRegistry;
import io.github.ccmessaging.server.fastpath.FastPath;
import io.github.ccmessaging.server.fault.FaultRules;
import io.github.ccmessaging.server.http.BearerTokenFilter;
import io.github.ccmessaging.server.http.ObjectMapperProvider;
import io.github.ccmessaging.server.journal.RequestJournal;
import io.github.ccmessaging.server.stream.EventStreams;
import io.github.ccmessaging.server.store.memory.InMemoryConversationStore;
import io.github.ccmessaging.server.store.MessageIdClock;
import java.time.Clock;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.junit.jupiter.api.Test;

class MessagingAppTest {

    @Test
    void onceAServerStartedTheNextOnesSkipJerseysCheckOfTheSameResourceModel() {
        try (TestServer started = new TestServer()) {
            assertThat(started.baseUri()).isNotNull();
        }

        ServerSettings settings = TestServer.testDefaults().build();
        ChannelRegistry channels = new ChannelRegistry(TestServer.DEV);
        ObjectMapperProvider mappers = new ObjectMapperProvider();
        ResourceConfig next = MessagingApp.createApp(settings,
                new InMemoryConversationStore(new MessageIdClock(Clock.systemUTC())), channels, mappers,
                new EventStreams(mappers.getContext(Object.class), true),
                new BearerTokenFilter(channels, Authenticator.of(settings.jwt())), new FaultRules(),
                new RequestJournal(0), new FastPath(true));
        try {
            assertThat(next.getProperty(ServerProperties.RESOURCE_VALIDATION_DISABLE)).isEqualTo(true);
        } finally {
            next.getInstances().stream().filter(ClosesOnShutdown.class::isInstance)
                    .forEach(closes -> ((ClosesOnShutdown) closes).onShutdown(null));
        }
    }
}
