package io.github.ccmessaging.client;

import static io.github.ccmessaging.client.MessagingClientRequestsTest.CHANNEL;
import static io.github.ccmessaging.client.MessagingClientRequestsTest.CONVERSATION;
import static io.github.ccmessaging.client.MessagingClientRequestsTest.ORGANIZATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ccmessaging.client.FakeMessagingServer.RecordedRequest;
import io.github.ccmessaging.client.model.ChannelInfo;
import io.github.ccmessaging.client.model.ChannelRegistration;
import io.github.ccmessaging.client.model.ContextVariable;
import io.github.ccmessaging.client.model.Transcript;
import io.github.ccmessaging.client.model.TranscriptEntry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmulatorClientTest {

    private static final String EMULATOR_CONVERSATION = "/emulator/conversations/" + CONVERSATION;
    private static final String SCHEDULED = "{\"messageIds\":[\"1745323200456\",\"1745323200457\"]}";
    private static final String OTHER_CHANNEL = "c0ffee00-0000-4000-8000-000000000003";

    private FakeMessagingServer server;
    private final AtomicInteger tokens = new AtomicInteger();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private MessagingClient client;
    private EmulatorClient emulator;

    @BeforeEach
    void startServer() {
        server = FakeMessagingServer.start();
        client = server.clientForDevChannel()
                .tokenSupplier(() -> "token-" + tokens.incrementAndGet())
                .sleeper(waits::add)
                .build();
        emulator = client.emulator();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void theEmulatorClientUsesTheSettingsOfItsMessagingClient() {
        server.respond(200, "application/json", SCHEDULED, Map.of());

        emulator.accept(CONVERSATION);

        RecordedRequest request = server.lastRequest();
        assertThat(request.header("Authorization")).as("the client's token supplier").isEqualTo("Bearer token-1");
        assertThat(request.header("channel-id")).isEqualTo(CHANNEL);
        assertThat(request.header("organization-id")).isEqualTo(ORGANIZATION);
        assertThat(request.protocol()).isEqualTo("HTTP/1.1");
        assertThat(client.emulator()).isSameAs(emulator);
    }

    @Test
    void acceptPostsAnEmptyRepresentativeAndReturnsTheScheduledEventIds() {
        server.respond(200, "application/json", SCHEDULED, Map.of());

        List<String> ids = emulator.accept(CONVERSATION);

        assertThat(ids).containsExactly("1745323200456", "1745323200457");
        RecordedRequest request = server.lastRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(EMULATOR_CONVERSATION + "/accept");
        assertThat(request.json().isObject()).isTrue();
        assertThat(request.json().size()).isZero();
    }

    @Test
    void acceptWithANameSendsTheRepresentativesName() {
        server.respond(200, "application/json", SCHEDULED, Map.of());

        emulator.accept(CONVERSATION, "Alex");

        JsonNode body = server.lastRequest().json();
        assertThat(body.get("name").asText()).isEqualTo("Alex");
        assertThat(body.has("id")).isFalse();
    }

    @Test
    void sendAsRepresentativePostsAMessageAndReturnsItsMessageId() {
        server.respond(200, "application/json", "{\"messageId\":\"1745323200456\",\"message\":null}", Map.of());

        String messageId = emulator.sendAsRepresentative(CONVERSATION, "Hello **John**");

        assertThat(messageId).isEqualTo("1745323200456");
        RecordedRequest request = server.lastRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(EMULATOR_CONVERSATION + "/activities");
        assertThat(request.json().get("type").asText()).isEqualTo("message");
        assertThat(request.json().get("text").asText()).isEqualTo("Hello **John**");
    }

    @Test
    void sendTypingAsRepresentativePostsATypingActivityWithoutText() {
        server.respond(200, "application/json", "{\"messageId\":\"1745323200458\",\"message\":null}", Map.of());

        assertThat(emulator.sendTypingAsRepresentative(CONVERSATION)).isEqualTo("1745323200458");

        JsonNode body = server.lastRequest().json();
        assertThat(body.get("type").asText()).isEqualTo("typing");
        assertThat(body.has("text")).isFalse();
    }

    @Test
    void updateContextWrapsPlainValuesAndKeepsContextVariables() {
        server.respond(200, "application/json",
                "{\"context\":[{\"name\":\"orderNumber\",\"value\":\"A-1001\"},{\"name\":\"priority\",\"value\":2}]}",
                Map.of());
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("orderNumber", new ContextVariable().isDisplayable(true).value("A-1001"));
        values.put("priority", 2);

        Map<String, Object> context = emulator.updateContext(CONVERSATION, values);

        assertThat(context).containsExactly(Map.entry("orderNumber", "A-1001"), Map.entry("priority", 2));
        RecordedRequest request = server.lastRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(EMULATOR_CONVERSATION + "/context");
        JsonNode sent = request.json().get("context");
        assertThat(sent.at("/orderNumber/isDisplayable").booleanValue()).isTrue();
        assertThat(sent.at("/orderNumber/value").asText()).isEqualTo("A-1001");
        assertThat(sent.at("/priority/value").intValue()).isEqualTo(2);
        assertThat(sent.get("priority").has("isDisplayable")).isFalse();
    }

    @Test
    void updateContextRejectsANullValueWithoutSending() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("orderNumber", null);

        assertThatThrownBy(() -> emulator.updateContext(CONVERSATION, values))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("orderNumber");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void sendSystemEventPostsTheDocumentedNameAndReturnsItsMessageId() {
        server.respond(200, "application/json", "{\"messageIds\":[\"1745323200458\"]}", Map.of());

        String messageId = emulator.sendSystemEvent(CONVERSATION,
                io.github.ccmessaging.client.model.SystemEvent.NameEnum.TRANSFER_TO_AGENT_INITIATED);

        assertThat(messageId).isEqualTo("1745323200458");
        RecordedRequest request = server.lastRequest();
        assertThat(request.path()).isEqualTo(EMULATOR_CONVERSATION + "/events");
        assertThat(request.json().get("name").asText()).isEqualTo("TransferToAgentInitiated");
    }

    @Test
    void closePostsToCloseAndReturnsTheScheduledEventIds() {
        server.respond(200, "application/json", SCHEDULED, Map.of());

        assertThat(emulator.close(CONVERSATION)).containsExactly("1745323200456", "1745323200457");

        RecordedRequest request = server.lastRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(EMULATOR_CONVERSATION + "/close");
        assertThat(request.json().toString()).as("no representative named: the emulator's default").isEqualTo("{}");
    }

    @Test
    void closeByARepresentativeNamesThemInTheBody() {
        server.respond(200, "application/json", SCHEDULED, Map.of());

        assertThat(emulator.close(CONVERSATION, "agent-7")).containsExactly("1745323200456", "1745323200457");

        RecordedRequest request = server.lastRequest();
        assertThat(request.path()).isEqualTo(EMULATOR_CONVERSATION + "/close");
        assertThat(request.json().toString()).isEqualTo("{\"id\":\"agent-7\"}");
    }

    @Test
    void transcriptReadsEveryEntryWithSenderAndDelivery() {
        server.respond(200, "application/json", """
                {"conversationId":"%s","open":false,"activities":[
                  {"messageId":"1745323200123","sender":"customer","type":"message",
                   "timestamp":"2025-04-15T12:37:00.1230000Z","activity":{"type":"message","text":"Hi"}},
                  {"messageId":"1745323200456","sender":"representative","type":"message","read":true,
                   "timestamp":"2025-04-15T12:37:00.4560000Z","delivery":{"status":"delivered","attempts":1},
                   "activity":{"type":"message","text":"Hello"}}]}""".formatted(CONVERSATION), Map.of());

        Transcript transcript = emulator.transcript(CONVERSATION);

        assertThat(server.lastRequest().method()).isEqualTo("GET");
        assertThat(server.lastRequest().path()).isEqualTo(EMULATOR_CONVERSATION + "/transcript");
        assertThat(transcript.getOpen()).isFalse();
        assertThat(transcript.getActivities()).extracting(TranscriptEntry::getSender)
                .containsExactly(TranscriptEntry.SenderEnum.CUSTOMER, TranscriptEntry.SenderEnum.REPRESENTATIVE);
        assertThat(transcript.getActivities().get(1).getRead()).isTrue();
        assertThat(transcript.getActivities().get(1).getDelivery().getAttempts()).isEqualTo(1);
    }

    @Test
    void registerChannelPutsTheRegistrationAsTheClientsOwnChannel() {
        server.respond(200, "application/json", "{\"channelId\":\"" + OTHER_CHANNEL + "\",\"organizationId\":\""
                + ORGANIZATION + "\",\"webhookUrl\":\"http://127.0.0.1:9090/webhook\"}", Map.of());

        ChannelInfo info = emulator.registerChannel(OTHER_CHANNEL, new ChannelRegistration()
                .organizationId(ORGANIZATION).token("second-channel-token")
                .webhookUrl("http://127.0.0.1:9090/webhook").webhookToken("webhook-secret"));

        assertThat(info.getChannelId()).isEqualTo(OTHER_CHANNEL);
        RecordedRequest request = server.lastRequest();
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.path()).isEqualTo("/emulator/channels/" + OTHER_CHANNEL);
        assertThat(request.header("channel-id")).as("authenticated as the client's channel").isEqualTo(CHANNEL);
        assertThat(request.json().get("token").asText()).isEqualTo("second-channel-token");
        assertThat(request.json().get("webhookToken").asText()).isEqualTo("webhook-secret");
    }

    @Test
    void resetStateSendsADeleteAndAcceptsTheBodyless204() {
        server.respond(204, null, null, Map.of());

        emulator.resetState();

        assertThat(server.lastRequest().method()).isEqualTo("DELETE");
        assertThat(server.lastRequest().path()).isEqualTo("/emulator/state");
    }

    @Test
    void errorsSurfaceAsMessagingApiExceptionNamingTheOperation() {
        server.respond(404, "application/problem+json",
                "{\"title\":\"Conversation does not exist\",\"status\":404,\"errorCode\":30013}", Map.of());

        MessagingApiException e = catchThrowableOfType(MessagingApiException.class,
                () -> emulator.sendAsRepresentative(CONVERSATION, "Hi"));

        assertThat(e.status()).isEqualTo(404);
        assertThat(e.errorCode()).hasValue(30013);
        assertThat(e.getMessage()).startsWith("sendRepresentativeActivity");
    }

    @Test
    void resetStateErrorsSurfaceAsMessagingApiExceptionToo() {
        server.respond(401, "application/problem+json", "{\"title\":\"Unauthorized\",\"status\":401}", Map.of());

        MessagingApiException e = catchThrowableOfType(MessagingApiException.class, emulator::resetState);

        assertThat(e.status()).isEqualTo(401);
    }

    @Test
    void emulatorCallsRefusedWith503AreRetriedLikeTheClientsOwn() {
        server.respondOnce(503, "text/plain", "busy", Map.of("Retry-After", "1"));
        server.respond(200, "application/json", SCHEDULED, Map.of());

        emulator.close(CONVERSATION);

        assertThat(server.requests()).hasSize(2);
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void aBlankConversationIdIsRejectedWithoutSending() {
        assertThatThrownBy(() -> emulator.accept(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> emulator.close("")).isInstanceOf(IllegalArgumentException.class);
        assertThat(server.requests()).isEmpty();
    }

    @org.junit.jupiter.api.Nested
    class TestControls {
        private static final String RULE = "{\"id\":\"rule-1\",\"match\":{\"method\":\"POST\",\"path\":"
                + "\"/api/v1.0/consumer/conversation/create\"},\"fault\":{\"type\":\"status\",\"status\":503,"
                + "\"retryAfterSeconds\":1},\"times\":2,\"probability\":1,\"seed\":0,\"matched\":3,\"fired\":2,"
                + "\"remaining\":0}";

        @Test
        void failNextPostsAStatusRuleForTheMethodAndPath() {
            server.respond(200, "application/json", RULE, Map.of());

            io.github.ccmessaging.client.model.FaultRule rule =
                    emulator.failNext("POST", "/api/v1.0/consumer/conversation/create", 503, 2);

            assertThat(rule.getId()).isEqualTo("rule-1");
            RecordedRequest request = server.lastRequest();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/emulator/faults");
            assertThat(request.json().at("/match/method").asText()).isEqualTo("POST");
            assertThat(request.json().at("/match/path").asText()).isEqualTo("/api/v1.0/consumer/conversation/create");
            assertThat(request.json().at("/fault/type").asText()).isEqualTo("status");
            assertThat(request.json().at("/fault/status").asInt()).isEqualTo(503);
            assertThat(request.json().get("times").asInt()).isEqualTo(2);
        }

        @Test
        void failNextRefusesAStatusOutsideTheDocumentedSetWithoutSending() {
            assertThatThrownBy(() -> emulator.failNext("POST", "/api/v1.0/consumer/conversation/create", 404, 1))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(server.requests()).isEmpty();
        }

        @Test
        void faultsReadsTheRulesWithTheirCounts() {
            server.respond(200, "application/json", "{\"rules\":[" + RULE + "]}", Map.of());

            List<io.github.ccmessaging.client.model.FaultRule> rules = emulator.faults();

            assertThat(rules).hasSize(1);
            assertThat(rules.get(0).getFired()).isEqualTo(2);
            assertThat(rules.get(0).getMatched()).isEqualTo(3);
            assertThat(server.lastRequest().path()).isEqualTo("/emulator/faults");
        }

        @Test
        void removeFaultAndRemoveFaultsSendDeletes() {
            server.respond(204, null, null, Map.of());

            emulator.removeFault("rule-1");
            emulator.removeFaults();

            assertThat(server.requests()).extracting(r -> r.method() + " " + r.path())
                    .containsExactly("DELETE /emulator/faults/rule-1", "DELETE /emulator/faults");
        }

        @Test
        void requestsFiltersByConversationMethodAndStatus() {
            server.respond(200, "application/json", "{\"capacity\":1000,\"requests\":[{\"method\":\"POST\","
                    + "\"path\":\"/api/v1.0/consumer/conversation/create\",\"headers\":{\"authorization\":"
                    + "\"[redacted]\"},\"status\":200,\"correlationId\":\"c-1\","
                    + "\"time\":\"2025-04-15T12:37:00.1230000Z\"}]}", Map.of());

            List<io.github.ccmessaging.client.model.JournalEntry> requests =
                    emulator.requests(CONVERSATION, "POST", 200);

            assertThat(requests).hasSize(1);
            assertThat(requests.get(0).getStatus()).isEqualTo(200);
            assertThat(requests.get(0).getHeaders()).containsEntry("authorization", "[redacted]");
            RecordedRequest request = server.lastRequest();
            assertThat(request.path()).isEqualTo("/emulator/requests");
            assertThat(request.queryParam("conversationId")).isEqualTo(CONVERSATION);
            assertThat(request.queryParam("method")).isEqualTo("POST");
            assertThat(request.queryParam("status")).isEqualTo("200");
            assertThat(request.queryParam("limit")).isNull();
        }

        @Test
        void aJournalThatIsOffSurfacesAs404() {
            server.respond(404, "application/problem+json", "{\"title\":\"Not Found\",\"status\":404}", Map.of());

            MessagingApiException e = catchThrowableOfType(MessagingApiException.class, emulator::requests);

            assertThat(e.status()).isEqualTo(404);
        }

        @Test
        void clearRequestsSendsADelete() {
            server.respond(204, null, null, Map.of());

            emulator.clearRequests();

            assertThat(server.lastRequest().method() + " " + server.lastRequest().path())
                    .isEqualTo("DELETE /emulator/requests");
        }

        @Test
        void providerStatesAreSetUpAndTornDownWithTheirParams() {
            server.respond(200, "application/json", "{\"conversationId\":\"" + CONVERSATION + "\"}", Map.of());

            Map<String, Object> values = emulator.setUpProviderState("a conversation exists",
                    Map.of("conversationId", CONVERSATION));
            emulator.tearDownProviderState("a conversation exists", Map.of());

            assertThat(values).containsEntry("conversationId", CONVERSATION);
            List<RecordedRequest> requests = server.requests();
            assertThat(requests.get(0).path()).isEqualTo("/emulator/pact/provider-states");
            assertThat(requests.get(0).json().get("state").asText()).isEqualTo("a conversation exists");
            assertThat(requests.get(0).json().at("/params/conversationId").asText()).isEqualTo(CONVERSATION);
            assertThat(requests.get(0).json().get("action").asText()).isEqualTo("setup");
            assertThat(requests.get(1).json().get("action").asText()).isEqualTo("teardown");
        }
    }
}
