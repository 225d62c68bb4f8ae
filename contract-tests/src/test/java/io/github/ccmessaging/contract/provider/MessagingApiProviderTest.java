package io.github.ccmessaging.contract.provider;

import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junit5.PactVerificationInvocationContextProvider;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import io.github.ccmessaging.client.MessagingClient;
import io.github.ccmessaging.client.model.ContextVariable;
import io.github.ccmessaging.client.model.CreateConversationRequest;
import io.github.ccmessaging.client.model.CustomerContext;
import io.github.ccmessaging.server.MessagingServer;
import io.github.ccmessaging.server.ServerSettings;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Replays every pact the consumer tests wrote against the real server, started in-process on a free port. Each
 * provider state is set up through the public API itself, so the server is exercised as a black box.
 */
@Provider("messaging-api")
@PactFolder("target/pacts")
class MessagingApiProviderTest {
    private static MessagingServer server;
    private static MessagingClient api;

    @BeforeAll
    static void startServer() {
        server = MessagingServer.start(ServerSettings.builder().port(0).requestLog(false).build());
        api = MessagingClient.builder()
                .baseUri(server.baseUri())
                .channelId(ServerSettings.DEV_CHANNEL_ID)
                .organizationId(ServerSettings.DEV_ORGANIZATION_ID)
                .token(ServerSettings.DEV_TOKEN)
                .build();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void target(PactVerificationContext context) {
        context.setTarget(new HttpTestTarget(server.baseUri().getHost(), server.baseUri().getPort()));
    }

    @TestTemplate
    @ExtendWith(PactVerificationInvocationContextProvider.class)
    void replaysInteraction(PactVerificationContext context) {
        context.verifyInteraction();
    }

    @State("the development channel exists")
    void developmentChannelExists() {
        // the server always serves the well-known development channel
    }

    @State("customer 1234 has an active conversation")
    Map<String, Object> customerHasActiveConversation() {
        String id = api.createConversation(new CreateConversationRequest()
                .customercontext(new CustomerContext().customerid("1234"))).getConversationId();
        return Map.of("conversationId", id);
    }

    @State("conversation {conversationId} is active")
    Map<String, Object> conversationIsActive() {
        return Map.of("conversationId", api.createConversation().getConversationId());
    }

    @State("conversation {conversationId} is closed")
    Map<String, Object> conversationIsClosed() {
        String id = api.createConversation().getConversationId();
        api.endConversation(id);
        return Map.of("conversationId", id);
    }

    @State("conversation {conversationId} is active and another conversation was created after it")
    Map<String, Object> conversationIsActiveAndAnotherWasCreatedAfterIt() {
        String older = api.createConversation().getConversationId();
        api.createConversation();
        return Map.of("conversationId", older);
    }

    @State("conversation {conversationId} has a customer message and a context variable orderNumber=A-1001")
    Map<String, Object> conversationHasACustomerMessageAndAContextVariable() {
        String id = api.createConversation(new CreateConversationRequest()
                .putConversationcontextItem("orderNumber", new ContextVariable().isDisplayable(true).value("A-1001")))
                .getConversationId();
        api.sendMessage(id, "Hello, I need help with my order");
        return Map.of("conversationId", id);
    }

    @State("conversation {conversationId} has a message {messageId} of the representative")
    Map<String, Object> conversationHasAMessageOfTheRepresentative() {
        String id = api.createConversation().getConversationId();
        String messageId = api.emulator().sendAsRepresentative(id, "Your order ships today.");
        return Map.of("conversationId", id, "messageId", messageId);
    }
}
