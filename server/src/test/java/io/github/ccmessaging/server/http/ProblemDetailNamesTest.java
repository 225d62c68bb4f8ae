package io.github.ccmessaging.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ccmessaging.server.ApiCalls;
import io.github.ccmessaging.server.ApiCalls.Reply;
import io.github.ccmessaging.server.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A broken constraint is answered with the code the document gives the element, and a detail that names the element
 * as the wire format does: JSON member paths and the names parameters are sent under, never generated Java names.
 */
class ProblemDetailNamesTest {
    private static final String LONG = "x".repeat(257);
    private TestServer server;
    private ApiCalls api;

    @BeforeEach
    void start() {
        server = new TestServer();
        api = server.dev();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static void assertProblem(Reply reply, int code, String detail) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.errorCode()).as(reply.body()).isEqualTo(code);
        assertThat(reply.json().get("detail").asText()).isEqualTo(detail);
    }

    @Nested
    class BodyMembers {
        @Test
        void aMemberWithAHyphenIsNamedAsSent() {
            Reply reply = api.send(api.newConversation(), "{\"type\":\"message\",\"text\":\"hi\","
                    + "\"channelData\":{\"messagingapi-oc\":{\"type\":\"" + LONG + "\"}}}");
            assertProblem(reply, 30012, "channelData.messagingapi-oc.type size must be between 0 and 256");
        }

        @Test
        void anArrayElementIsIndexedWhereItSits() {
            Reply reply = api.send(api.newConversation(), "{\"type\":\"message\",\"attachments\":["
                    + "{\"contentType\":\"image/png\"},{\"contentType\":\"" + LONG + "\"}]}");
            assertProblem(reply, 30012, "attachments[1].contentType size must be between 0 and 256");
        }

        @Test
        void aMapValueIsNamedByItsKeyAsAMember() {
            Reply reply = api.create("{\"conversationcontext\":{\"order\":{\"value\":null}}}");
            assertProblem(reply, 30012, "conversationcontext.order.value must not be null");
        }

        @Test
        void aNestedObjectMemberIsNamedByItsPath() {
            Reply reply = api.create("{\"customercontext\":{\"firstname\":\"" + "y".repeat(201) + "\"}}");
            assertProblem(reply, 30012, "customercontext.firstname size must be between 0 and 200");
        }

        @Test
        void aTooLongTextIs30011WithTheLimitInTheDetail() {
            Reply reply = api.send(api.newConversation(), "{\"type\":\"message\",\"text\":\"" + "z".repeat(6001) + "\"}");
            assertProblem(reply, 30011, "text size must be between 0 and 6000");
            assertThat(reply.json().get("title").asText()).isEqualTo("Message text is too long");
        }

        @Test
        void aChangeOfMoreThan100ContextVariablesIs30010() {
            StringBuilder body = new StringBuilder("{\"context\":{");
            for (int i = 0; i < 101; i++) {
                body.append(i == 0 ? "" : ",").append("\"v").append(i).append("\":{\"value\":1}");
            }
            Reply reply = api.post("/emulator/conversations/" + api.newConversation() + "/context",
                    body.append("}}").toString());
            assertProblem(reply, 30010, "context size must be between 0 and 100");
        }
    }

    @Nested
    class Parameters {
        @Test
        void aQueryParameterIsNamedAsSent() {
            Reply reply = api.get("/api/v1.0/consumer/conversation/" + api.newConversation() + "/messages?PageSize=0");
            assertProblem(reply, 30008, "PageSize must be greater than or equal to 1");
        }

        @Test
        void aPathParameterIsNamedAsTheDocumentNamesIt() {
            Reply reply = api.put("/emulator/channels/not-a-guid", "{\"organizationId\":\""
                    + TestServer.DEV.organizationId() + "\",\"token\":\"t\"}");
            assertThat(reply.errorCode()).isEqualTo(30002);
            assertThat(reply.json().get("detail").asText()).startsWith("channelId must match").doesNotContain("channelId2");
        }

        @Test
        void aQueryParameterThatIsNoNumberIsNamedWithItsOperationsCode() {
            Reply conversations = api.get("/api/v1.0/consumer/conversations?PageSize=many");
            assertProblem(conversations, 30007, "PageSize is not a valid value.");
            Reply messages = api.get("/api/v1.0/consumer/conversation/" + api.newConversation() + "/messages?PageSize=x");
            assertProblem(messages, 30008, "PageSize is not a valid value.");
        }
    }
}
