package io.github.ccmessaging.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ccmessaging.client.webhook.ReceivedActivity;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The inbox on its own, fed by plain HTTP requests shaped as the emulator sends them. */
class WebhookInboxTest {
    private static final String TOKEN = "inbox-test-token";
    private static final Duration SHORT = Duration.ofMillis(200);

    private final WebhookInbox inbox = WebhookInbox.start(TOKEN);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void stop() {
        inbox.close();
    }

    @Nested
    class Receiving {
        @Test
        void listensOnLoopbackUnderTheWebhookPath() {
            assertThat(inbox.url().getHost()).isEqualTo("127.0.0.1");
            assertThat(inbox.url().getPort()).isPositive();
            assertThat(inbox.url().getPath()).isEqualTo("/webhook");
            assertThat(inbox.token()).isEqualTo(TOKEN);
        }

        @Test
        void recordsEachDeliveryInOrderWithItsConversation() throws Exception {
            assertThat(deliver("c-1", message("first"), TOKEN)).isEqualTo(200);
            assertThat(deliver("c-2", event("AgentAccepted"), TOKEN)).isEqualTo(200);
            assertThat(deliver("c-1", message("second"), TOKEN)).isEqualTo(200);

            assertThat(inbox.received()).extracting(ReceivedActivity::conversationId).containsExactly("c-1", "c-2", "c-1");
            assertThat(inbox.received("c-1")).extracting(a -> a.activity().getText()).containsExactly("first", "second");
            assertThat(inbox.rejections()).isEmpty();
        }

        @Test
        void refusesAWrongBearerTokenAndSaysSo() throws Exception {
            assertThat(deliver("c-1", message("hello"), "not-the-token")).isEqualTo(401);

            assertThat(inbox.received()).isEmpty();
            assertThat(inbox.rejections()).singleElement().asString()
                    .contains("POST /webhook/v3/conversations/c-1/activities answered 401", "bearer token");
        }

        @Test
        void refusesABodyThatIsNoActivity() throws Exception {
            assertThat(deliver("c-1", "{\"text\":\"no type\"}", TOKEN)).isEqualTo(400);

            assertThat(inbox.received()).isEmpty();
            assertThat(inbox.rejections()).singleElement().asString().contains("answered 400");
        }

        @Test
        void clearForgetsReceivedAndRejected() throws Exception {
            deliver("c-1", message("hello"), TOKEN);
            deliver("c-1", message("hello"), "wrong");

            inbox.clear();

            assertThat(inbox.received()).isEmpty();
            assertThat(inbox.rejections()).isEmpty();
        }

        @Test
        void stopsListeningWhenClosed() {
            inbox.close();

            assertThatThrownBy(() -> deliver("c-1", message("late"), TOKEN)).isInstanceOf(IOException.class);
        }
    }

    @Nested
    class Waiting {
        @Test
        void awaitMessageReturnsTheNextMessageOfTheConversationEachTime() throws Exception {
            deliver("c-1", message("first"), TOKEN);
            deliver("c-2", message("other conversation"), TOKEN);
            deliver("c-1", event("AgentAccepted"), TOKEN);
            deliver("c-1", message("second"), TOKEN);

            assertThat(inbox.awaitMessage("c-1", SHORT).activity().getText()).isEqualTo("first");
            assertThat(inbox.awaitMessage("c-1", SHORT).activity().getText()).isEqualTo("second");
        }

        @Test
        void awaitMessageWaitsForADeliveryThatArrivesLater() throws Exception {
            CompletableFuture<Integer> later = CompletableFuture.supplyAsync(() -> {
                try {
                    TimeUnit.MILLISECONDS.sleep(300);
                    return deliver("c-1", message("late but in time"), TOKEN);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            ReceivedActivity received = inbox.awaitMessage("c-1", Duration.ofSeconds(10));

            assertThat(received.activity().getText()).isEqualTo("late but in time");
            assertThat(later.get(10, TimeUnit.SECONDS)).isEqualTo(200);
        }

        @Test
        void awaitEventFindsTheEventByNameInAnyOrInOneConversation() throws Exception {
            deliver("c-1", event("AgentAccepted"), TOKEN);
            deliver("c-2", event("AgentAccepted"), TOKEN);

            assertThat(inbox.awaitEvent("c-2", "AgentAccepted", SHORT).conversationId()).isEqualTo("c-2");
            assertThat(inbox.awaitEvent("AgentAccepted", SHORT).conversationId()).isEqualTo("c-1");
            assertThatThrownBy(() -> inbox.awaitEvent("AgentAccepted", SHORT)).isInstanceOf(AssertionError.class);
        }

        @Test
        void aMessageIsNotAnEventAndAnEventIsNotAMessage() throws Exception {
            deliver("c-1", event("AgentAccepted"), TOKEN);

            assertThatThrownBy(() -> inbox.awaitMessage("c-1", SHORT)).isInstanceOf(AssertionError.class);
            assertThat(inbox.awaitEvent("c-1", "AgentAccepted").name()).isEqualTo("AgentAccepted");
        }

        @Test
        void aTimeoutFailsNamingWhatWasAwaitedAndListingWhatArrived() throws Exception {
            deliver("c-2", message("for someone else"), TOKEN);
            deliver("c-1", event("AgentAccepted"), TOKEN);
            deliver("c-1", message("rejected"), "wrong-token");

            assertThatThrownBy(() -> inbox.awaitMessage("c-1", SHORT))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("Waited 200 ms for a message of conversation c-1 at the webhook "
                            + inbox.url())
                    .hasMessageContaining("it received 2 activities: message \"for someone else\" of conversation c-2, "
                            + "event AgentAccepted of conversation c-1")
                    .hasMessageContaining("it refused 1");
        }

        @Test
        void aTimeoutWithNothingReceivedSaysSo() {
            assertThatThrownBy(() -> inbox.awaitEvent("ConversationClose", SHORT))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("Waited 200 ms for the event ConversationClose at the webhook")
                    .hasMessageEndingWith("; it received nothing.");
        }

        @Test
        void anyConditionCanBeAwaited() throws Exception {
            deliver("c-1", "{\"type\":\"typing\",\"from\":{\"name\":\"Alex\"}}", TOKEN);

            ReceivedActivity typing = inbox.await("a typing indicator", a -> a.type().equals("typing"), SHORT);

            assertThat(typing.activity().getFrom().getName()).isEqualTo("Alex");
        }
    }

    private int deliver(String conversationId, String body, String token) throws IOException, InterruptedException {
        URI url = URI.create(inbox.url() + "/v3/conversations/" + conversationId + "/activities");
        HttpRequest request = HttpRequest.newBuilder(url).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String message(String text) {
        return "{\"type\":\"message\",\"text\":\"" + text + "\",\"from\":{\"id\":\"agent-1\",\"name\":\"Alex\"}}";
    }

    private static String event(String name) {
        return "{\"type\":\"message\",\"name\":\"" + name + "\",\"text\":\"EventName: **_" + name + "_**\"}";
    }
}
