package io.github.ccmessaging.contract.webhook.provider;

import static org.assertj.core.api.Assertions.assertThat;

import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junit5.PactVerificationInvocationContextProvider;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import com.sun.net.httpserver.HttpServer;
import io.github.ccmessaging.client.webhook.ReceivedActivity;
import io.github.ccmessaging.client.webhook.WebhookReceiver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Replays every delivery the server promised in the webhook pacts against the client's {@link WebhookReceiver},
 * mounted in the JDK's HTTP server on a free port and expecting the channel's webhook token: each must be answered
 * with 200 and reach the receiver's consumer as one parsed activity. No provider states: the webhook accepts any
 * conversation.
 */
@Provider("custom-channel-webhook")
@PactFolder("target/pacts")
class ChannelWebhookProviderTest {

    private static final String WEBHOOK_TOKEN = "webhook-secret";

    private static final List<ReceivedActivity> RECEIVED = new CopyOnWriteArrayList<>();
    private static HttpServer webhook;

    @BeforeAll
    static void startWebhook() throws IOException {
        WebhookReceiver receiver = WebhookReceiver.builder().bearerToken(WEBHOOK_TOKEN).build();
        webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhook.createContext("/", receiver.httpHandler(RECEIVED::add));
        webhook.start();
    }

    @AfterAll
    static void stopWebhook() {
        webhook.stop(0);
    }

    @BeforeEach
    void target(PactVerificationContext context) {
        RECEIVED.clear();
        context.setTarget(new HttpTestTarget(webhook.getAddress().getHostString(), webhook.getAddress().getPort()));
    }

    @TestTemplate
    @ExtendWith(PactVerificationInvocationContextProvider.class)
    void receivesDelivery(PactVerificationContext context) {
        context.verifyInteraction();

        assertThat(RECEIVED).as("activities handed to the receiver's consumer").hasSize(1);
        ReceivedActivity received = RECEIVED.get(0);
        assertThat(received.activity().getConversation().getId())
                .as("the activity's conversation.id is the conversation of the path")
                .isEqualTo(received.conversationId());
        assertThat(received.activity().getType()).as("a documented type, parsed").isNotNull();
    }
}
