package io.github.ccmessaging.contract.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.ccmessaging.client.EmulatorClient;
import io.github.ccmessaging.client.MessagingClient;
import io.github.ccmessaging.client.model.Fault;
import io.github.ccmessaging.client.model.FaultRuleRequest;
import io.github.ccmessaging.client.model.JournalEntry;
import io.github.ccmessaging.client.model.MessageActivity;
import io.github.ccmessaging.client.webhook.ReceivedActivity;
import io.github.ccmessaging.client.webhook.WebhookReceiver;
import io.github.ccmessaging.server.MessagingServer;
import io.github.ccmessaging.server.ServerSettings;
import io.github.ccmessaging.server.channel.Channel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * This project's own client ({@link MessagingClient}, its webhook receiver) against the emulator's injected faults:
 * what a channel built on it does when the contact centre misbehaves.
 */
class ClientUnderFaultsTest {
    static final String SEND = "/api/v1.0/consumer/conversation/{conversationId}";
    static final String WEBHOOK_TOKEN = "webhook-secret";

    private HttpServer webhook;
    private final BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
    private MessagingServer server;
    private MessagingClient client;
    private EmulatorClient emulator;

    /** A delivery the channel's webhook received, and when. */
    record Arrival(ReceivedActivity activity, long nanos) {
    }

    @BeforeEach
    void start() throws IOException {
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hook", WebhookReceiver.builder().bearerToken(WEBHOOK_TOKEN).build()
                .httpHandler(activity -> arrivals.add(new Arrival(activity, System.nanoTime()))));
        webhook.start();
        Channel channel = new Channel(ServerSettings.DEV_CHANNEL_ID, ServerSettings.DEV_ORGANIZATION_ID,
                ServerSettings.DEV_TOKEN, "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook", WEBHOOK_TOKEN);
        server = MessagingServer.start(ServerSettings.builder().port(0).requestLog(false).channel(channel).build());
        client = MessagingClient.builder().baseUri(server.baseUri()).channelId(ServerSettings.DEV_CHANNEL_ID)
                .organizationId(ServerSettings.DEV_ORGANIZATION_ID).token(ServerSettings.DEV_TOKEN).build();
        emulator = client.emulator();
    }

    @AfterEach
    void stop() {
        server.close();
        webhook.stop(0);
    }

    /** The activities sent to the conversation, newest first, as the emulator's journal recorded them. */
    private List<JournalEntry> sendsOf(String conversationId) {
        return emulator.requests(conversationId, "POST", null).stream()
                .filter(request -> request.getPath().equals("/api/v1.0/consumer/conversation/" + conversationId))
                .toList();
    }

    @Test
    void theClientsRetryHonoursAnInjected429sRetryAfter() {
        String conversation = client.createConversation().getConversationId();
        emulator.addFault(new FaultRuleRequest()
                .match(new io.github.ccmessaging.client.model.FaultMatch()
                        .method(io.github.ccmessaging.client.model.FaultMatch.MethodEnum.POST)
                        .path(io.github.ccmessaging.client.model.FaultMatch.PathEnum.fromValue(SEND)))
                .fault(new Fault().type(Fault.TypeEnum.STATUS).status(Fault.StatusEnum.NUMBER_429).retryAfterSeconds(2))
                .times(1));

        long started = System.nanoTime();
        String messageId = client.sendMessage(conversation, "Where is my order?");
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(messageId).matches("[0-9]{13}");
        // without Retry-After the client would back off at most 200 ms before its first retry
        assertThat(tookMillis).as("waited the 2 s the 429 asked for").isGreaterThanOrEqualTo(1900);
        assertThat(sendsOf(conversation)).extracting(JournalEntry::getStatus).containsExactly(200, 429);
        assertThat(emulator.faults().get(0).getFired()).isEqualTo(1);
    }

    @Test
    void theSameActivityIdIsStoredOnceAfterAnInjected503() {
        String conversation = client.createConversation().getConversationId();
        emulator.failNext("POST", SEND, 503, 1);
        MessageActivity activity = new MessageActivity().text("Where is my order?");

        String first = client.sendActivity(conversation, activity);
        String again = client.sendActivity(conversation, activity);

        assertThat(again).as("the same activity id is a retry").isEqualTo(first);
        assertThat(emulator.transcript(conversation).getActivities()).hasSize(1);
        List<JournalEntry> sends = sendsOf(conversation);
        assertThat(sends).extracting(JournalEntry::getStatus).containsExactly(200, 200, 503);
        assertThat(sends).extracting(JournalEntry::getBody).allSatisfy(body ->
                assertThat(body).contains("\"id\":\"" + activity.getId() + "\""));
    }

    @Test
    void aDelayedDeliveryArrivesAfterItsDelay() throws InterruptedException {
        String conversation = client.createConversation().getConversationId();
        emulator.addFault(new FaultRuleRequest()
                .fault(new Fault().type(Fault.TypeEnum.LATE_DELIVERY).delayMillis(1500)).times(1));

        long sent = System.nanoTime();
        String late = emulator.sendAsRepresentative(conversation, "Your order ships today.");
        String onTime = emulator.sendAsRepresentative(conversation, "Anything else?");

        Arrival first = arrivals.poll(30, TimeUnit.SECONDS);
        Arrival second = arrivals.poll(30, TimeUnit.SECONDS);
        assertThat(first).as("the late delivery arrived").isNotNull();
        assertThat(second).as("the next one arrived").isNotNull();
        assertThat(TimeUnit.NANOSECONDS.toMillis(first.nanos() - sent)).isGreaterThanOrEqualTo(1450);
        assertThat(List.of(first.activity().activity().getId(), second.activity().activity().getId()))
                .as("the conversation's deliveries keep their order").containsExactly(late, onTime);
    }

    @Test
    void aRepeatedDeliveryReachesTheReceiverTwice() throws InterruptedException {
        String conversation = client.createConversation().getConversationId();
        emulator.addFault(new FaultRuleRequest().fault(new Fault().type(Fault.TypeEnum.REPEAT_DELIVERY)).times(1));

        String messageId = emulator.sendAsRepresentative(conversation, "Your order ships today.");

        Arrival first = arrivals.poll(30, TimeUnit.SECONDS);
        Arrival second = arrivals.poll(30, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        assertThat(List.of(first.activity().activity().getId(), second.activity().activity().getId()))
                .as("a receiver de-duplicates by activity id").containsExactly(messageId, messageId);
    }
}
