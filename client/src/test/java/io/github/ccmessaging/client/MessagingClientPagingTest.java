package io.github.ccmessaging.client;

import static io.github.ccmessaging.client.MessagingClientRequestsTest.CHANNEL;
import static io.github.ccmessaging.client.MessagingClientRequestsTest.CONVERSATION;
import static io.github.ccmessaging.client.MessagingClientRequestsTest.ORGANIZATION;
import static io.github.ccmessaging.client.MessagingClientRequestsTest.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.ccmessaging.client.FakeMessagingServer.RecordedRequest;
import io.github.ccmessaging.client.model.ConversationMessage;
import io.github.ccmessaging.client.model.ConversationSummary;
import io.github.ccmessaging.client.model.MessageSender;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MessagingClientPagingTest {

    private static final String CONVERSATIONS_PATH = "/api/v1.0/consumer/conversations";
    private static final String MESSAGES_PATH = "/api/v1.0/consumer/conversation/" + CONVERSATION + "/messages";
    private static final String BAD_TOKEN_PROBLEM =
            "{\"title\":\"Invalid continuation token\",\"status\":400,\"errorCode\":30009}";

    private FakeMessagingServer server;
    private MessagingClient client;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() {
        server = FakeMessagingServer.start();
        client = server.clientForDevChannel()
                .token(TOKEN)
                .sleeper(waits::add)
                .build();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    // ------------------------------------------------------------------ a paged fake of the two list operations

    private static String conversationId(int n) {
        return String.format("00000000-0000-4000-8000-%012d", n);
    }

    /**
     * Serves {@code count} conversations as the server does: {@code PageSize} per page (default 50), the token is
     * the id of the last conversation of the previous page, and is absent on the last page.
     */
    private void serveConversations(int count) {
        List<String> ids = IntStream.rangeClosed(1, count).mapToObj(MessagingClientPagingTest::conversationId).toList();
        server.respondWith(request -> {
            int size = request.queryParam("PageSize") == null ? 50 : Integer.parseInt(request.queryParam("PageSize"));
            String token = request.queryParam("ContinuationToken");
            int from = token == null ? 0 : ids.indexOf(token) + 1;
            List<String> page = ids.subList(from, Math.min(from + size, ids.size()));
            String items = page.stream()
                    .map(id -> "{\"conversationid\":\"" + id + "\",\"timestamp\":\"2025-04-15T12:36:40.9049594Z\"}")
                    .collect(Collectors.joining(","));
            boolean more = from + size < ids.size();
            return FakeMessagingServer.json("{\"conversations\":[" + items + "]"
                    + (more ? ",\"continuationtoken\":\"" + page.get(page.size() - 1) + "\"" : "") + "}");
        });
    }

    private static String messageId(int n) {
        return String.valueOf(1745323200000L + n);
    }

    private static String tokenAfter(int n) {
        return "2025-04-15T12:37:00." + String.format("%03d", n) + "+00:00";
    }

    /** Serves {@code count} messages; the token names the last message of the previous page as a DateTimeOffset. */
    private void serveMessages(int count, boolean lowercaseKeys) {
        String messageIdKey = lowercaseKeys ? "messageid" : "messageId";
        String tokenKey = lowercaseKeys ? "continuationtoken" : "continuationToken";
        server.respondWith(request -> {
            int size = Integer.parseInt(request.queryParam("PageSize"));
            String token = request.queryParam("ContinuationToken");
            int from = 0;
            while (token != null && from < count && !tokenAfter(from).equals(token)) {
                from++;
            }
            int to = Math.min(from + size, count);
            String items = IntStream.range(from, to)
                    .mapToObj(i -> "{\"type\":\"message\",\"" + messageIdKey + "\":\"" + messageId(i + 1)
                            + "\",\"timestamp\":\"2025-04-15T12:37:00.0000000Z\",\"text\":\"Message " + (i + 1)
                            + "\",\"from\":{\"role\":\"user\"}}")
                    .collect(Collectors.joining(","));
            boolean more = to < count;
            return FakeMessagingServer.json("{\"messages\":[" + items + "]"
                    + (more ? ",\"" + tokenKey + "\":\"" + tokenAfter(to) + "\"" : "") + "}");
        });
    }

    private static List<String> tokensSent(List<RecordedRequest> requests) {
        List<String> tokens = new ArrayList<>();
        requests.forEach(r -> tokens.add(r.queryParam("ContinuationToken")));
        return tokens;
    }

    // ------------------------------------------------------------------ active conversations

    @Test
    void activeConversationsFollowsTheContinuationTokenThroughEveryPageWithoutSkippingOrRepeating() {
        serveConversations(7);

        List<String> ids = client.activeConversations(null, 3).map(ConversationSummary::getConversationid).toList();

        assertThat(ids).containsExactlyElementsOf(
                IntStream.rangeClosed(1, 7).mapToObj(MessagingClientPagingTest::conversationId).toList());
        assertThat(server.requests()).hasSize(3);
        assertThat(tokensSent(server.requests())).containsExactly(null, conversationId(3), conversationId(6));
        assertThat(server.requests()).extracting(r -> r.queryParam("PageSize")).containsOnly("3");
    }

    @Test
    void activeConversationsStopsAtThePageWithoutContinuationToken() {
        serveConversations(6);

        assertThat(client.activeConversations(null, 3).count()).isEqualTo(6);

        assertThat(server.requests()).as("two full pages, the second without token: no third request").hasSize(2);
    }

    @Test
    void activeConversationsRequestsPagesOnlyWhenTheStreamNeedsThem() {
        serveConversations(10);

        Stream<ConversationSummary> stream = client.activeConversations(null, 3);
        assertThat(server.requests()).as("nothing is sent before the stream is used").isEmpty();

        Iterator<ConversationSummary> iterator = stream.iterator();
        iterator.next();
        assertThat(server.requests()).hasSize(1);
        iterator.next();
        iterator.next();
        assertThat(server.requests()).as("the first page still has the third conversation").hasSize(1);
        assertThat(iterator.next().getConversationid()).isEqualTo(conversationId(4));
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void activeConversationsSendsAGetWithTheChannelHeadersAndDefaultPageSize() {
        serveConversations(1);

        client.activeConversations().toList();

        RecordedRequest request = server.lastRequest();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo(CONVERSATIONS_PATH);
        assertThat(request.queryParam("PageSize")).isEqualTo("50");
        assertThat(request.queryParam("StartTimeStamp")).isNull();
        assertThat(request.queryParam("ContinuationToken")).isNull();
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.header("channel-id")).isEqualTo(CHANNEL);
        assertThat(request.header("organization-id")).isEqualTo(ORGANIZATION);
    }

    @Test
    void activeConversationsSendsCreatedAfterAsStartTimeStampWithItsOffset() {
        serveConversations(1);

        client.activeConversations(OffsetDateTime.of(2025, 4, 15, 12, 36, 40, 0, ZoneOffset.ofHours(2))).toList();

        assertThat(server.lastRequest().queryParam("StartTimeStamp")).isEqualTo("2025-04-15T12:36:40+02:00");
    }

    @Test
    void activeConversationsReadsIdAndTimestamp() {
        serveConversations(1);

        ConversationSummary only = client.activeConversations().findFirst().orElseThrow();

        assertThat(only.getConversationid()).isEqualTo(conversationId(1));
        assertThat(only.getTimestamp()).isEqualTo("2025-04-15T12:36:40.9049594Z");
    }

    @Test
    void noActiveConversationsIsAnEmptyStream() {
        server.respond(200, "application/json", "{\"conversations\":[]}", Map.of());

        assertThat(client.activeConversations()).isEmpty();
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void anErrorOnALaterPageSurfacesAsMessagingApiExceptionAfterTheEarlierItems() {
        server.respondOnce(200, "application/json", "{\"conversations\":[{\"conversationid\":\"" + conversationId(1)
                + "\",\"timestamp\":\"2025-04-15T12:36:40.9049594Z\"}],\"continuationtoken\":\"" + conversationId(1)
                + "\"}", Map.of());
        server.respond(400, "application/problem+json", BAD_TOKEN_PROBLEM, Map.of());
        List<String> seen = new ArrayList<>();

        MessagingApiException e = catchThrowableOfType(MessagingApiException.class,
                () -> client.activeConversations().forEach(c -> seen.add(c.getConversationid())));

        assertThat(seen).containsExactly(conversationId(1));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errorCode()).hasValue(30009);
        assertThat(e.getMessage()).startsWith("listConversations");
    }

    @Test
    void anErrorOnTheFirstPageIsThrownByTheTerminalOperation() {
        server.respond(401, "application/problem+json", "{\"title\":\"Unauthorized\",\"status\":401}", Map.of());
        Stream<ConversationSummary> stream = client.activeConversations();

        MessagingApiException e = catchThrowableOfType(MessagingApiException.class, stream::toList);

        assertThat(e.status()).isEqualTo(401);
    }

    @Test
    void aPageRefusedWith429IsRetriedAndPagingContinues() {
        serveConversations(4);
        server.respondOnce(200, "application/json", "{\"conversations\":[{\"conversationid\":\"" + conversationId(1)
                + "\",\"timestamp\":\"2025-04-15T12:36:40.9049594Z\"},{\"conversationid\":\"" + conversationId(2)
                + "\",\"timestamp\":\"2025-04-15T12:36:40.9049594Z\"}],\"continuationtoken\":\"" + conversationId(2)
                + "\"}", Map.of());
        server.respondOnce(429, "application/problem+json", "{\"title\":\"Too Many Requests\",\"status\":429}",
                Map.of("Retry-After", "1"));

        List<String> ids = client.activeConversations(null, 2).map(ConversationSummary::getConversationid).toList();

        assertThat(ids).containsExactly(conversationId(1), conversationId(2), conversationId(3), conversationId(4));
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
        assertThat(tokensSent(server.requests()))
                .containsExactly(null, conversationId(2), conversationId(2));
    }

    @Test
    void aContinuationTokenRepeatedForItsOwnPageStopsPagingInsteadOfLoopingForever() {
        server.respond(200, "application/json", "{\"conversations\":[],\"continuationtoken\":\"" + conversationId(1)
                + "\"}", Map.of());

        MessagingTransportException e = catchThrowableOfType(MessagingTransportException.class,
                () -> client.activeConversations().toList());

        assertThat(e).hasMessageContaining("continuation token");
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void anEmptyPageWithANewTokenIsFollowed() {
        server.respondOnce(200, "application/json", "{\"conversations\":[],\"continuationtoken\":\"" + conversationId(9)
                + "\"}", Map.of());
        server.respondOnce(200, "application/json", "{\"conversations\":[{\"conversationid\":\"" + conversationId(10)
                + "\",\"timestamp\":\"2025-04-15T12:36:40.9049594Z\"}]}", Map.of());

        assertThat(client.activeConversations().map(ConversationSummary::getConversationid))
                .containsExactly(conversationId(10));
    }

    @Test
    void pageSizesOutsideTheDocumentedRangeAreRejectedWithoutSending() {
        assertThatThrownBy(() -> client.activeConversations(null, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("250");
        assertThatThrownBy(() -> client.activeConversations(null, 251)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.messages(CONVERSATION, null, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("100");
        assertThatThrownBy(() -> client.messages(CONVERSATION, null, 101)).isInstanceOf(IllegalArgumentException.class);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void theLargestDocumentedPageSizesAreAccepted() {
        server.respond(200, "application/json", "{\"conversations\":[],\"messages\":[]}", Map.of());

        client.activeConversations(null, 250).toList();
        client.messages(CONVERSATION, null, 100).toList();

        assertThat(server.requests()).extracting(r -> r.queryParam("PageSize")).containsExactly("250", "100");
    }

    // ------------------------------------------------------------------ messages

    @Test
    void messagesFollowTheContinuationTokenThroughEveryPageWithoutSkippingOrRepeating() {
        serveMessages(5, false);

        List<String> ids = client.messages(CONVERSATION, null, 2).map(ConversationMessage::getMessageId).toList();

        assertThat(ids).containsExactly(messageId(1), messageId(2), messageId(3), messageId(4), messageId(5));
        assertThat(server.requests()).hasSize(3).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.path()).isEqualTo(MESSAGES_PATH);
            assertThat(r.queryParam("PageSize")).isEqualTo("2");
        });
        assertThat(tokensSent(server.requests())).containsExactly(null, tokenAfter(2), tokenAfter(4));
    }

    @Test
    void messagesAreReadInTheLowercaseCasingOfTheDocumentationsTable() {
        serveMessages(3, true);

        List<ConversationMessage> messages = client.messages(CONVERSATION, null, 2).toList();

        assertThat(messages).extracting(ConversationMessage::getMessageId)
                .containsExactly(messageId(1), messageId(2), messageId(3));
        assertThat(tokensSent(server.requests()))
                .as("the lowercase continuationtoken is followed too")
                .containsExactly(null, tokenAfter(2));
    }

    @Test
    void messagesCarryTextTimestampAndSenderRole() {
        serveMessages(1, false);

        ConversationMessage message = client.messages(CONVERSATION).findFirst().orElseThrow();

        assertThat(message.getType()).isEqualTo("message");
        assertThat(message.getText()).isEqualTo("Message 1");
        assertThat(message.getTimestamp()).isEqualTo("2025-04-15T12:37:00.0000000Z");
        assertThat(message.getFrom().getRole()).isEqualTo(MessageSender.RoleEnum.USER);
        assertThat(server.lastRequest().queryParam("PageSize")).isEqualTo("50");
    }

    @Test
    void aSenderRoleTheClientDoesNotKnowIsReadAsNullInsteadOfFailing() {
        server.respond(200, "application/json", "{\"messages\":[{\"type\":\"message\",\"messageId\":\""
                + messageId(1) + "\",\"timestamp\":\"2025-04-15T12:37:00.0000000Z\",\"text\":\"Hi\","
                + "\"from\":{\"name\":\"Copilot\",\"role\":\"bot\"}}]}", Map.of());

        ConversationMessage message = client.messages(CONVERSATION).findFirst().orElseThrow();

        assertThat(message.getText()).isEqualTo("Hi");
        assertThat(message.getFrom().getName()).isEqualTo("Copilot");
        assertThat(message.getFrom().getRole()).isNull();
    }

    @Test
    void messagesSendSentAfterAsStartTimeStamp() {
        serveMessages(0, false);

        client.messages(CONVERSATION, OffsetDateTime.of(2025, 4, 15, 12, 37, 0, 123_000_000, ZoneOffset.UTC)).toList();

        assertThat(server.lastRequest().queryParam("StartTimeStamp")).isEqualTo("2025-04-15T12:37:00.123Z");
    }

    @Test
    void messagesOfAnUnknownConversationSurfaceAsMessagingApiException404() {
        server.respond(404, "application/problem+json",
                "{\"title\":\"Conversation does not exist\",\"status\":404,\"errorCode\":30013}", Map.of());

        MessagingApiException e = catchThrowableOfType(MessagingApiException.class,
                () -> client.messages(CONVERSATION).toList());

        assertThat(e.status()).isEqualTo(404);
        assertThat(e.errorCode()).hasValue(30013);
        assertThat(e.getMessage()).startsWith("listMessages");
    }

    @Test
    void messagesOfABlankConversationIdAreRejectedWithoutSending() {
        assertThatThrownBy(() -> client.messages(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conversationId");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aPageWithoutBodyIsATransportFailure() {
        server.respond(200, null, null, Map.of());

        assertThatThrownBy(() -> client.messages(CONVERSATION).toList())
                .isInstanceOf(MessagingTransportException.class)
                .hasMessageContaining("no body");
    }
}
