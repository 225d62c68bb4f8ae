package io.github.ccmessaging.server.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ccmessaging.server.ApiCalls;
import io.github.ccmessaging.server.ApiCalls.Reply;
import io.github.ccmessaging.server.SpecDocument;
import io.github.ccmessaging.server.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The documented defaults and filters of the two lists: a page holds 50 items when the caller names no
 * {@code PageSize} (the default the document gives both), and the messages list keeps only the messages sent after
 * {@code StartTimeStamp}.
 */
class ListDefaultsAndFiltersTest {
    private static final String CONVERSATIONS = "/api/v1.0/consumer/conversations";
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

    /** The {@code PageSize} default the document gives an operation. */
    private static int documentedDefault(String path) {
        for (JsonNode parameter : SpecDocument.at(SpecDocument.messaging(), SpecDocument.operation(path, "get")
                + "/parameters")) {
            JsonNode resolved = SpecDocument.resolve(SpecDocument.messaging(), parameter);
            if (resolved.path("name").asText().equals("PageSize")) {
                return resolved.path("schema").path("default").asInt();
            }
        }
        throw new AssertionError("no PageSize in " + path);
    }

    private static String messages(String conversation) {
        return "/api/v1.0/consumer/conversation/" + conversation + "/messages";
    }

    private Reply ok(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply;
    }

    @Nested
    class DefaultPageSize {
        @Test
        void isTheDocumentedFifty() {
            assertThat(documentedDefault(CONVERSATIONS)).isEqualTo(50);
            assertThat(documentedDefault("/api/v1.0/consumer/conversation/{conversationId}/messages")).isEqualTo(50);
        }

        @Test
        void ofTheConversationListIsFifty() {
            for (int i = 0; i < 51; i++) {
                api.newConversation();
            }
            JsonNode first = ok(api.get(CONVERSATIONS)).json();
            assertThat(first.get("conversations")).hasSize(50);
            String token = first.get("continuationtoken").asText();
            JsonNode second = ok(api.get(CONVERSATIONS + "?ContinuationToken=" + token)).json();
            assertThat(second.get("conversations")).hasSize(1);
            assertThat(second.has("continuationtoken")).isFalse();
        }

        @Test
        void ofTheMessagesListIsFifty() {
            String conversation = api.newConversation();
            for (int i = 0; i < 51; i++) {
                ok(api.message(conversation, "message " + i));
            }
            JsonNode first = ok(api.get(messages(conversation))).json();
            assertThat(first.get("messages")).hasSize(50);
            assertThat(first.get("messages").get(49).get("text").asText()).isEqualTo("message 49");
            String token = URLEncoder.encode(first.get("continuationToken").asText(), StandardCharsets.UTF_8);
            JsonNode second = ok(api.get(messages(conversation) + "?ContinuationToken=" + token)).json();
            assertThat(second.get("messages")).extracting(m -> m.get("text").asText()).containsExactly("message 50");
        }

        @Test
        void appliesToAnEmptyPageSizeToo() {
            String conversation = api.newConversation();
            for (int i = 0; i < 51; i++) {
                ok(api.message(conversation, "message " + i));
            }
            Reply reply = api.get(messages(conversation) + "?PageSize=");
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(reply.json().get("messages")).hasSize(50);
        }
    }

    @Nested
    class MessagesStartTimeStamp {
        /** The instant a message's messageId stands for (epoch milliseconds). */
        private Instant sentAt(Reply sent) {
            return Instant.ofEpochMilli(Long.parseLong(sent.messageId()));
        }

        private List<String> textsAfter(String conversation, String startTimeStamp) {
            Reply reply = ok(api.get(messages(conversation) + "?StartTimeStamp="
                    + URLEncoder.encode(startTimeStamp, StandardCharsets.UTF_8)));
            List<String> texts = new ArrayList<>();
            reply.json().get("messages").forEach(m -> texts.add(m.get("text").asText()));
            return texts;
        }

        @Test
        void keepsOnlyMessagesSentAfterIt() throws InterruptedException {
            String conversation = api.newConversation();
            Reply first = ok(api.message(conversation, "first"));
            Thread.sleep(5);
            Reply second = ok(api.message(conversation, "second"));
            ok(api.message(conversation, "third"));

            assertThat(textsAfter(conversation, sentAt(first).minusMillis(1).toString()))
                    .containsExactly("first", "second", "third");
            assertThat(textsAfter(conversation, sentAt(first).toString())).as("strictly after")
                    .containsExactly("second", "third");
            assertThat(textsAfter(conversation, sentAt(second).toString())).containsExactly("third");
        }

        @Test
        void readsAnOffsetAsTheSameInstant() throws InterruptedException {
            String conversation = api.newConversation();
            Reply first = ok(api.message(conversation, "first"));
            Thread.sleep(5);
            ok(api.message(conversation, "second"));

            String withOffset = OffsetDateTime.ofInstant(sentAt(first), ZoneOffset.ofHours(2)).toString();
            assertThat(withOffset).contains("+02:00");
            assertThat(textsAfter(conversation, withOffset)).containsExactly("second");
        }

        @Test
        void afterTheLastMessageGivesAnEmptyList() {
            String conversation = api.newConversation();
            Reply last = ok(api.message(conversation, "only"));
            assertThat(textsAfter(conversation, sentAt(last).plusSeconds(1).toString())).isEmpty();
        }

        @Test
        void appliesToEveryPage() throws InterruptedException {
            String conversation = api.newConversation();
            Reply before = ok(api.message(conversation, "before"));
            Thread.sleep(5);
            for (int i = 0; i < 3; i++) {
                ok(api.message(conversation, "after " + i));
            }
            String start = URLEncoder.encode(sentAt(before).toString(), StandardCharsets.UTF_8);
            JsonNode page = ok(api.get(messages(conversation) + "?PageSize=2&StartTimeStamp=" + start)).json();
            assertThat(page.get("messages")).extracting(m -> m.get("text").asText()).containsExactly("after 0", "after 1");
            String token = URLEncoder.encode(page.get("continuationToken").asText(), StandardCharsets.UTF_8);
            JsonNode next = ok(api.get(messages(conversation) + "?PageSize=2&StartTimeStamp=" + start
                    + "&ContinuationToken=" + token)).json();
            assertThat(next.get("messages")).extracting(m -> m.get("text").asText()).containsExactly("after 2");
        }

        @Test
        void thatIsMalformedIs30006() {
            Reply reply = api.get(messages(api.newConversation()) + "?StartTimeStamp=yesterday");
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.errorCode()).isEqualTo(30006);
        }
    }
}
