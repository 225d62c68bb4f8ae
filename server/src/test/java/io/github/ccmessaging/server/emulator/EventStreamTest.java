package io.github.ccmessaging.server.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ccmessaging.server.ApiCalls;
import io.github.ccmessaging.server.ApiCalls.Reply;
import io.github.ccmessaging.server.EventStreamClient;
import io.github.ccmessaging.server.EventStreamClient.Event;
import io.github.ccmessaging.server.ServerSettings;
import io.github.ccmessaging.server.TestServer;
import io.github.ccmessaging.server.WebhookReceiver;
import io.github.ccmessaging.server.channel.Channel;
import io.github.ccmessaging.server.stream.EventStreams;
import io.github.ccmessaging.server.webhook.WebhookPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /emulator/stream}: what the agent console is built on, seen as a raw Server-Sent Events client sees it, with
 * the events written straight to the connection (the fast path); {@link EventStreamOnTheGeneralPathTest} runs every
 * test again with Jersey's event sink.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final List<EventStreamClient> streams = new ArrayList<>();
    private WebhookReceiver webhook;
    private TestServer server;
    private ApiCalls api;

    @BeforeAll
    void start() {
        webhook = new WebhookReceiver();
        Channel dev = new Channel(ServerSettings.DEV_CHANNEL_ID, ServerSettings.DEV_ORGANIZATION_ID,
                ServerSettings.DEV_TOKEN, webhook.baseUrl(), "webhook-secret");
        server = new TestServer(settings -> path(settings.webhooks(
                new WebhookPolicy(Duration.ofSeconds(2), 2, Duration.ofMillis(20)))), dev, TestServer.OTHER);
        api = server.dev();
    }

    /** The write path the streams take: the fast path (direct writes) here, Jersey's event sink in a subclass. */
    ServerSettings.Builder path(ServerSettings.Builder settings) {
        return settings;
    }

    @AfterEach
    void closeStreams() {
        streams.forEach(EventStreamClient::close);
        streams.clear();
        webhook.failNext(0);
    }

    @AfterAll
    void stop() {
        server.close();
        webhook.close();
    }

    private EventStreamClient open(Channel channel, String lastEventId) {
        EventStreamClient stream = EventStreamClient.open(server.baseUri(), channel, lastEventId);
        streams.add(stream);
        return stream;
    }

    /** A stream of the development channel, past its {@code ready} event. */
    private EventStreamClient ready() {
        EventStreamClient stream = open(TestServer.DEV, null);
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.next(WAIT).name()).isEqualTo("ready");
        return stream;
    }

    private String emulator(String conversation, String action) {
        return "/emulator/conversations/" + conversation + "/" + action;
    }

    @Nested
    class Opening {
        @Test
        void answersAnEventStreamThatStartsWithReady() {
            EventStreamClient stream = open(TestServer.DEV, null);

            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.response().headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
            Event ready = stream.next(WAIT);
            assertThat(ready.name()).isEqualTo("ready");
            assertThat(ready.data().get("resumed").asBoolean()).isFalse();
            assertThat(ready.id()).isNotBlank();
        }

        @Test
        void withoutATokenIsUnauthorized() {
            Channel anonymous = new Channel(TestServer.DEV.channelId(), TestServer.DEV.organizationId(), "wrong");
            EventStreamClient stream = open(anonymous, null);

            assertThat(stream.status()).isEqualTo(401);
        }

        @Test
        void anotherChannelsTokenSeesNothingOfThisChannel() {
            EventStreamClient other = open(TestServer.OTHER, null);
            assertThat(other.next(WAIT).name()).isEqualTo("ready");

            String devConversation = api.newConversation();
            api.message(devConversation, "secret of the development channel");
            String otherConversation = server.as(TestServer.OTHER).newConversation();

            Event first = other.next("conversation");
            assertThat(first.data().get("conversationId").asText()).isEqualTo(otherConversation);
            assertThat(other.drain(Duration.ofMillis(300)))
                    .noneMatch(e -> e.data().toString().contains(devConversation));
        }

        @Test
        void theOtherChannelsHeadersWithThisChannelsTokenAreUnauthorized() {
            Channel mixed = new Channel(TestServer.OTHER.channelId(), TestServer.OTHER.organizationId(),
                    TestServer.DEV.token());

            assertThat(open(mixed, null).status()).isEqualTo(401);
        }
    }

    @Nested
    class Events {
        @Test
        void aCreatedConversationAndItsStartMessage() {
            EventStreamClient stream = ready();

            Reply created = api.create("{\"customercontext\":{\"customerid\":\"c-1\"},"
                    + "\"startmessage\":{\"message\":\"Hi\",\"displayname\":\"John\"}}");

            String conversation = created.json().get("conversationId").asText();
            Event event = stream.next("conversation");
            assertThat(event.data().get("conversationId").asText()).isEqualTo(conversation);
            assertThat(event.data().get("customerId").asText()).isEqualTo("c-1");
            Event start = stream.about(conversation);
            assertThat(start.name()).isEqualTo("activity");
            assertThat(start.data().at("/entry/messageId").asText()).isEqualTo(created.messageId());
            assertThat(start.data().at("/entry/sender").asText()).isEqualTo("customer");
            assertThat(start.data().at("/entry/activity/text").asText()).isEqualTo("Hi");
        }

        @Test
        void eachActivityOfTheCustomerAndTypingApart() {
            String conversation = api.newConversation();
            EventStreamClient stream = ready();

            String messageId = api.message(conversation, "Where is my order?").messageId();
            api.send(conversation, "{\"type\":\"typing\"}");

            Event message = stream.about(conversation);
            assertThat(message.name()).isEqualTo("activity");
            assertThat(message.data().get("conversationId").asText()).isEqualTo(conversation);
            assertThat(message.data().at("/entry/messageId").asText()).isEqualTo(messageId);
            assertThat(message.data().at("/entry/activity/text").asText()).isEqualTo("Where is my order?");
            Event typing = stream.about(conversation);
            assertThat(typing.name()).isEqualTo("typing");
            assertThat(typing.data().at("/entry/sender").asText()).isEqualTo("customer");
        }

        @Test
        void theRepresentativesReplyWithItsDeliveryAndTheReadReceipt() {
            String conversation = api.newConversation();
            EventStreamClient stream = ready();

            String reply = api.post(emulator(conversation, "activities"),
                    "{\"type\":\"message\",\"from\":{\"id\":\"agent-1\",\"name\":\"Alex\"},\"text\":\"It ships **today**.\"}")
                    .messageId();

            Event activity = stream.next("activity");
            assertThat(activity.data().at("/entry/sender").asText()).isEqualTo("representative");
            assertThat(activity.data().at("/entry/read").asBoolean()).isFalse();
            assertThat(activity.data().at("/entry/delivery/status").asText()).isEqualTo("pending");
            assertThat(activity.data().at("/entry/activity/id").asText()).isEqualTo(reply);
            Event delivery = stream.next("delivery");
            assertThat(delivery.data().get("messageId").asText()).isEqualTo(reply);
            assertThat(delivery.data().at("/delivery/status").asText()).isEqualTo("delivered");
            assertThat(delivery.data().at("/delivery/attempts").asInt()).isEqualTo(1);

            api.send(conversation, "{\"type\":\"event\",\"name\":\"MessageRead\",\"value\":{\"messageId\":\"" + reply + "\"}}");

            Event read = stream.next("read");
            assertThat(read.data().get("conversationId").asText()).isEqualTo(conversation);
            assertThat(read.data().get("readUpTo").asText()).isEqualTo(reply);
        }

        @Test
        void aFailingWebhookShowsEachAttemptThenFailed() {
            String conversation = api.newConversation();
            EventStreamClient stream = ready();
            webhook.failNext(100);

            api.post(emulator(conversation, "accept"), "{\"id\":\"agent-1\",\"name\":\"Alex\"}");

            String first = stream.next("activity").data().at("/entry/messageId").asText();
            List<Event> deliveries = new ArrayList<>();
            Event delivery;
            do {
                delivery = stream.next("delivery");
                if (delivery.data().get("messageId").asText().equals(first)) {
                    deliveries.add(delivery);
                }
            } while (!delivery.data().at("/delivery/status").asText().equals("failed"));
            assertThat(deliveries).extracting(e -> e.data().at("/delivery/status").asText())
                    .containsExactly("pending", "pending", "failed");
            assertThat(deliveries).extracting(e -> e.data().at("/delivery/attempts").asInt()).containsExactly(1, 2, 3);
            assertThat(deliveries.get(2).data().at("/delivery/lastError").asText()).isEqualTo("HTTP 500");
        }

        @Test
        void contextChangesAndTheClose() {
            String conversation = api.newConversation();
            EventStreamClient stream = ready();

            api.post(emulator(conversation, "context"), "{\"context\":{\"orderNumber\":{\"value\":\"A-1001\"}}}");
            api.post(emulator(conversation, "close"), null);

            Event context = stream.next("context");
            assertThat(context.data().at("/context/0/name").asText()).isEqualTo("orderNumber");
            assertThat(context.data().at("/context/0/value").asText()).isEqualTo("A-1001");
            Event closed = stream.next("closed");
            assertThat(closed.data().get("conversationId").asText()).isEqualTo(conversation);
        }

        @Test
        void theCustomerLeaving() {
            String conversation = api.newConversation();
            EventStreamClient stream = ready();

            api.send(conversation, "{\"type\":\"endOfConversation\"}");

            Event left = stream.about(conversation);
            assertThat(left.data().at("/entry/type").asText()).as(left.toString()).isEqualTo("endOfConversation");
            assertThat(stream.about(conversation).name()).isEqualTo("closed");
        }

        @Test
        void aRepeatedActivityIsNotReportedTwice() {
            String conversation = api.newConversation();
            EventStreamClient stream = ready();

            api.send(conversation, "{\"type\":\"message\",\"id\":\"same\",\"text\":\"once\"}");
            api.send(conversation, "{\"type\":\"message\",\"id\":\"same\",\"text\":\"once\"}");
            api.message(conversation, "after");

            assertThat(stream.about(conversation).data().at("/entry/activity/text").asText()).isEqualTo("once");
            assertThat(stream.about(conversation).data().at("/entry/activity/text").asText()).isEqualTo("after");
        }

        @Test
        void forgettingTheStateTellsTheStreamToReload() {
            EventStreamClient stream = ready();

            api.delete("/emulator/state");

            Event reset = stream.next("reset");
            assertThat(reset.data().get("reason").asText()).isEqualTo("state-cleared");
        }
    }

    @Nested
    class Resuming {
        @Test
        void aClientReconnectingWithLastEventIdGetsWhatItMissedInOrder() {
            String conversation = api.newConversation();
            EventStreamClient first = ready();
            api.message(conversation, "seen");
            assertThat(first.next("activity").data().at("/entry/activity/text").asText()).isEqualTo("seen");
            first.close();

            api.message(conversation, "missed 1");
            api.message(conversation, "missed 2");
            EventStreamClient again = open(TestServer.DEV, first.lastId());
            api.message(conversation, "new");

            Event ready = again.next(WAIT);
            assertThat(ready.name()).isEqualTo("ready");
            assertThat(ready.data().get("resumed").asBoolean()).isTrue();
            String id = conversation;
            assertThat(List.of(again.about(id), again.about(id), again.about(id)))
                    .extracting(e -> e.data().at("/entry/activity/text").asText())
                    .containsExactly("missed 1", "missed 2", "new");
        }

        @Test
        void afterTheServerDroppedTheStream() {
            EventStreamClient first = ready();
            String conversation = api.newConversation();
            first.about(conversation);
            server.dropEventStreams();
            assertThat(first.ended(WAIT)).isTrue();
            api.message(conversation, "while away");
            EventStreamClient again = open(TestServer.DEV, first.lastId());

            assertThat(again.next(WAIT).data().get("resumed").asBoolean()).isTrue();
            assertThat(again.about(conversation).data().at("/entry/activity/text").asText()).isEqualTo("while away");
        }

        @Test
        void anIdThisServerNeverGaveIsAResetToReload() {
            EventStreamClient stream = open(TestServer.DEV, "elsewhere-42");

            Event ready = stream.next(WAIT);
            assertThat(ready.data().get("resumed").asBoolean()).isFalse();
            Event reset = stream.next(WAIT);
            assertThat(reset.name()).isEqualTo("reset");
            assertThat(reset.data().get("reason").asText()).isEqualTo("unknown-position");
        }

        @Test
        void aClientTooFarBehindIsToldToReload() {
            String conversation = api.newConversation();
            EventStreamClient first = ready();
            api.message(conversation, "seen");
            first.next("activity");
            first.close();

            // new conversations, sixteen at a time, so that the store commits them in groups
            ExecutorService senders = Executors.newFixedThreadPool(16);
            try {
                CompletableFuture.allOf(IntStream.rangeClosed(0, EventStreams.CAPACITY)
                        .mapToObj(i -> CompletableFuture.runAsync(
                                () -> api.create("{}"), senders))
                        .toArray(CompletableFuture[]::new)).join();
            } finally {
                senders.shutdown();
            }
            EventStreamClient again = open(TestServer.DEV, first.lastId());

            assertThat(again.next(WAIT).data().get("resumed").asBoolean()).isFalse();
            assertThat(again.next(WAIT).data().get("reason").asText()).isEqualTo("unknown-position");
        }
    }
}
