package com.example.smsbridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.smsbridge.RecordingGateway.Sms;
import io.github.ccmessaging.client.model.ConversationMessage;
import io.github.ccmessaging.client.model.ConversationSummary;
import io.github.ccmessaging.junit.MessagingEmulatorExtension;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmsBridgeTest {
    static final String CUSTOMER = "+15550100";

    @RegisterExtension
    static MessagingEmulatorExtension emulator = MessagingEmulatorExtension.newInstance().build();

    final RecordingGateway phones = new RecordingGateway();
    SmsBridge bridge;

    @BeforeEach
    void startBridge() {
        bridge = SmsBridge.start(emulator.client(), phones, emulator.credentials().webhookToken(), 0);
        emulator.useWebhook(bridge.webhookUri());
    }

    @AfterEach
    void stopBridge() {
        bridge.close();
    }

    @Test
    void customerSmsReachesTheConversation() throws Exception {
        assertThat(text("SM1", CUSTOMER, "Where is my order?")).isEqualTo(200);

        assertThat(emulator.client().messages(conversation()))
                .extracting(ConversationMessage::getText).containsExactly("Where is my order?");
    }

    @Test
    void laterTextsOfTheCustomerGoToTheSameConversation() throws Exception {
        text("SM1", CUSTOMER, "Where is my order?");
        text("SM2", CUSTOMER, "It is A-1001.");

        assertThat(emulator.client().messages(conversation()))
                .extracting(ConversationMessage::getText).containsExactly("Where is my order?", "It is A-1001.");
    }

    @Test
    void representativeReplyReachesTheCustomer() throws Exception {
        text("SM1", CUSTOMER, "Where is my order?");

        emulator.emulator().sendAsRepresentative(conversation(), "It ships today.");

        assertThat(phones.next()).isEqualTo(new Sms(CUSTOMER, "It ships today."));
    }

    @Test
    void whenTheConversationClosesTheCustomerIsToldAndTheNextTextStartsANewOne() throws Exception {
        text("SM1", CUSTOMER, "Where is my order?");
        String closed = conversation();

        emulator.emulator().close(closed);

        assertThat(phones.next()).isEqualTo(new Sms(CUSTOMER, SmsBridge.GOODBYE));
        text("SM2", CUSTOMER, "One more question");
        assertThat(conversation()).isNotEqualTo(closed);
    }

    @Test
    void aTextTheProviderPostsAgainIsStoredOnce() throws Exception {
        text("SM1", CUSTOMER, "Where is my order?");

        // the provider did not get our answer in time and retries with the same MessageSid
        assertThat(text("SM1", CUSTOMER, "Where is my order?")).isEqualTo(200);

        assertThat(emulator.client().messages(conversation())).hasSize(1);
    }

    @Test
    void aTextWithoutSenderIsRefusedAndNothingIsStored() throws Exception {
        assertThat(post("MessageSid=SM1&Body=Hello")).isEqualTo(400);

        assertThat(emulator.client().activeConversations()).isEmpty();
    }

    @Test
    void aTextTheApiRefusesIsAnsweredAsABadRequest() throws Exception {
        assertThat(text("SM1", CUSTOMER, "x".repeat(6001))).isEqualTo(400);
    }

    /** The only active conversation of the channel. */
    private static String conversation() {
        return emulator.client().activeConversations().map(ConversationSummary::getConversationid)
                .reduce((a, b) -> {
                    throw new AssertionError("more than one active conversation");
                }).orElseThrow();
    }

    /** The SMS provider posts a customer's text to the bridge; returns the bridge's answer. */
    private int text(String messageSid, String from, String body) throws Exception {
        return post("MessageSid=" + encode(messageSid) + "&From=" + encode(from) + "&Body=" + encode(body));
    }

    private int post(String form) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(bridge.smsUri())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
