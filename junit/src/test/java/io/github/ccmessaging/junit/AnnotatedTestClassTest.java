package io.github.ccmessaging.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ccmessaging.client.EmulatorClient;
import io.github.ccmessaging.client.MessagingClient;
import io.github.ccmessaging.client.model.CreateConversationRequest;
import io.github.ccmessaging.client.model.CustomerContext;
import io.github.ccmessaging.client.webhook.ReceivedActivity;
import io.github.ccmessaging.server.ServerSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The annotation as a user writes it: this class itself runs against the emulator. */
@MessagingEmulatorTest
class AnnotatedTestClassTest {
    @FromEmulator
    static URI baseUriBeforeAll;
    static URI seenInBeforeAll;

    @FromEmulator
    MessagingClient client;
    @FromEmulator
    EmulatorClient emulator;
    @FromEmulator
    WebhookInbox inbox;
    @FromEmulator
    ChannelCredentials channel;
    @FromEmulator
    URI baseUri;

    MessagingClient clientSeenInBeforeEach;

    @BeforeAll
    static void rememberTheStaticField() {
        seenInBeforeAll = baseUriBeforeAll;
    }

    @BeforeEach
    void rememberTheField() {
        clientSeenInBeforeEach = client;
    }

    @Nested
    class Injection {
        @Test
        void parametersOfEachTypeAreTheEmulatorsOwn(MessagingClient client, EmulatorClient emulator,
                                                    WebhookInbox inbox, ChannelCredentials channel, URI baseUri) {
            assertThat(client).isSameAs(AnnotatedTestClassTest.this.client);
            assertThat(emulator).isSameAs(client.emulator());
            assertThat(inbox).isSameAs(AnnotatedTestClassTest.this.inbox);
            assertThat(channel).isEqualTo(ChannelCredentials.devChannel());
            assertThat(baseUri).isEqualTo(AnnotatedTestClassTest.this.baseUri);
        }

        @Test
        void fieldsAreSetBeforeBeforeEachAndStaticFieldsBeforeBeforeAll() {
            assertThat(clientSeenInBeforeEach).isNotNull().isSameAs(client);
            assertThat(seenInBeforeAll).isNotNull().isEqualTo(baseUri);
        }

        @Test
        void theBaseUriIsALoopbackAddressWithAFreePort() {
            assertThat(baseUri.getScheme()).isEqualTo("http");
            assertThat(baseUri.getHost()).isEqualTo(ServerSettings.DEFAULT_HOST);
            assertThat(baseUri.getPort()).isPositive().isNotEqualTo(ServerSettings.DEFAULT_PORT);
        }

        @Test
        void theCredentialsAreAcceptedByTheServerAtTheBaseUri() throws Exception {
            HttpRequest create = HttpRequest.newBuilder(URI.create(baseUri + "/api/v1.0/consumer/conversation/create"))
                    .header("channel-id", channel.channelId()).header("organization-id", channel.organizationId())
                    .header("Authorization", "Bearer " + channel.token()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build();

            HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(create, HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("conversationId");
        }
    }

    @Nested
    class TheRepresentativesSideReachesTheInbox {
        String conversationId;

        @BeforeEach
        void customerAsks() {
            conversationId = client.createConversation(new CreateConversationRequest()
                    .customercontext(new CustomerContext().customerid("+15550100"))).getConversationId();
            client.sendMessage(conversationId, "Where is my order?");
        }

        @Test
        void acceptingSendsAgentAcceptedAndAgentAssigned() {
            emulator.accept(conversationId, "Alex");

            assertThat(inbox.awaitEvent(conversationId, "AgentAccepted").conversationId()).isEqualTo(conversationId);
            inbox.awaitEvent(conversationId, "AgentAssigned");
        }

        @Test
        void aRepresentativeMessageArrivesWithItsTextAndMessageId() {
            String messageId = emulator.sendAsRepresentative(conversationId, "It ships **today**.");

            ReceivedActivity reply = inbox.awaitMessage(conversationId);

            assertThat(reply.activity().getText()).isEqualTo("It ships **today**.");
            assertThat(reply.activity().getId()).isEqualTo(messageId);
            assertThat(inbox.rejections()).as("the emulator sends the token the inbox expects").isEmpty();
        }

        @Test
        void closingSendsConversationClose() {
            emulator.close(conversationId);

            inbox.awaitEvent(conversationId, "AgentEndSession");
            inbox.awaitEvent(conversationId, "ConversationClose");
        }
    }

    @Nested
    class NestedClasses {
        @Test
        void shareTheEmulatorOfTheirClass() {
            assertThat(baseUri).isEqualTo(baseUriBeforeAll);
        }
    }
}
