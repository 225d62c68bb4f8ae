package io.github.ccmessaging.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ccmessaging.server.channel.ChannelRegistry;
import io.github.ccmessaging.server.http.ObjectMapperProvider;
import io.github.ccmessaging.server.store.InMemoryConversationStore;
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

        ResourceConfig next = MessagingApp.createApp(TestServer.testDefaults().build(),
                new InMemoryConversationStore(new MessageIdClock(Clock.systemUTC())),
                new ChannelRegistry(TestServer.DEV), new ObjectMapperProvider());
        try {
            assertThat(next.getProperty(ServerProperties.RESOURCE_VALIDATION_DISABLE)).isEqualTo(true);
        } finally {
            next.getInstances().stream().filter(ClosesOnShutdown.class::isInstance)
                    .forEach(closes -> ((ClosesOnShutdown) closes).onShutdown(null));
        }
    }
}
