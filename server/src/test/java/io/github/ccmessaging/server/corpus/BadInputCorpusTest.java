package io.github.ccmessaging.server.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ccmessaging.server.TestServer;
import io.github.ccmessaging.server.channel.Channel;
import io.github.ccmessaging.server.corpus.BadInputCorpus.Target;
import io.github.ccmessaging.server.corpus.ValidRequests.Kind;
import io.github.ccmessaging.server.corpus.Wire.WireReply;
import io.github.ccmessaging.server.store.Conversation;
import io.github.ccmessaging.server.store.ConversationStore;
import io.github.ccmessaging.server.store.StoredActivity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The bad-input corpus against one real server: every request that breaks one rule of the OpenAPI document is answered
 * 4xx as {@code application/problem+json} with the documented {@code errorCode}, never 5xx or a stack trace, with a
 * detail that names the wire format's members, and changes nothing in the store. One dynamic test per case, named by
 * its category, the rule it breaks and whether that rule is documented or a project choice of the document.
 * Deterministic for a seed: {@code -Dcorpus.seed=N} replays a run (the seed is printed).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputCorpusTest {
    private static final long DEFAULT_SEED = 20_261_126L;
    private static final int MIN_DISTINCT = 500;
    private static final List<String> CUSTOMER_POOL = IntStream.range(0, 6).mapToObj(i -> "corpus-customer-" + i).toList();
    private static final List<String> REQUEST_POOL = IntStream.range(0, 6).mapToObj(i -> "corpus-request-" + i).toList();

    private static long seed;
    private static CorpusServer server;
    private static Wire wire;
    private static Target target;
    private static final Map<String, BadCase> DISTINCT = new LinkedHashMap<>();
    private static final Map<String, BadCase> DISPUTED = new LinkedHashMap<>();
    private static final DetailNames NAMES = new DetailNames();
    /** The store before the first bad request; the corpus must leave it as it was. */
    private static State before;

    @BeforeAll
    static void start() {
        seed = Long.getLong("corpus.seed", DEFAULT_SEED);
        System.out.println("bad-input corpus seed = " + seed + " (replay with -Dcorpus.seed=" + seed + ")");
        server = new CorpusServer();
        wire = new Wire(server.baseUri());
        target = setUp(wire);
        for (BadCase badCase : BadInputCorpus.generate(seed, target, CUSTOMER_POOL, REQUEST_POOL)) {
            (badCase.asserted() ? DISTINCT : DISPUTED).putIfAbsent(badCase.request().distinctKey(), badCase);
        }
    }

    @AfterAll
    static void stop() {
        if (wire != null) {
            wire.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void theValidGeneratorMakesRequestsTheServerAccepts() {
        CountingStore.Snapshot beforeSelfCheck = server.store.snapshot();
        selfCheckTheValidGenerator(wire, seed);
        assertThat(server.store.snapshot().storedActivities()).as("the store's counter sees what is stored")
                .isGreaterThan(beforeSelfCheck.storedActivities());
    }

    @Test
    @Order(2)
    void theCorpusHasEnoughDistinctCasesOfEveryKind() {
        assertThat(DISTINCT).as("distinct bad requests").hasSizeGreaterThanOrEqualTo(MIN_DISTINCT);
        assertThat(DISTINCT.values()).extracting(BadCase::category).contains("auth", "header", "content-type",
                "path-id", "not-found", "json-syntax", "invalid-utf8", "wrong-type", "huge-number", "too-long",
                "missing-required", "unknown-type", "null", "deep-nesting", "duplicate-key", "too-many-variables",
                "channel-mismatch", "conversation-mismatch", "unsupported-event", "no-text");
        assertThat(DISTINCT.values()).as("limits that are project choices are marked so")
                .anyMatch(c -> c.category().equals("too-long") && c.projectChoice() != null
                        && c.rule().contains(" id of "))
                .noneMatch(c -> c.category().equals("too-long") && c.projectChoice() != null
                        && c.rule().contains(" text of "));
    }

    @TestFactory
    @Order(3)
    Stream<DynamicTest> everyBadRequestIsRejectedWithItsDocumentedCode() {
        before = State.of(server.store, target);
        return DISTINCT.values().stream().map(badCase -> dynamicTest(badCase.displayName(), () -> {
            WireReply reply = wire.send(badCase.request());
            List<String> wrong = check(badCase, reply);
            assertThat(wrong).as("%s", describe(badCase, reply, wrong)).isEmpty();
        }));
    }

    @Test
    @Order(4)
    void theBadRequestsChangedNothingInTheStore() {
        assertThat(before).as("the corpus ran").isNotNull();
        assertThat(State.of(server.store, target)).as("the store after the corpus").isEqualTo(before);
    }

    @Test
    @Order(5)
    void theRejectedCreatesLeftNoCustomerOrRequestIdBehind() {
        assertCreatesLeftNothingBehind(wire, server.store);
    }

    /**
     * The disputed cases (see {@link BadInputCorpus}), after the asserted corpus and its store checks, each in a fresh
     * conversation (with a fresh representative message for read events to name), because the server accepts some of
     * them (an accepted endOfConversation would close the target). Only "no 5xx, no stack trace" is asserted.
     */
    @TestFactory
    @Order(6)
    Stream<DynamicTest> disputedCasesNeverFailTheServer() {
        return DISPUTED.values().stream().map(badCase -> dynamicTest(badCase.displayName(), () -> {
            WireReply reply = wire.send(retargeted(badCase.request()));
            assertThat(reply.status()).as("disputed %s: %s", badCase.rule(), reply.body()).isLessThan(500);
            assertThat(reply.body()).doesNotContain("\tat ").doesNotContain("Exception");
        }));
    }

    // ------------------------------------------------------------------------------------------------ set-up

    private static Target setUp(Wire wire) {
        String conversation = createConversation(wire, TestServer.DEV,
                "{\"startmessage\":{\"message\":\"corpus target\",\"displayname\":\"Corpus\"}}");
        String representativeMessage = representativeMessage(wire, conversation);
        ok(wire, send(TestServer.DEV, conversation, "{\"type\":\"message\",\"id\":\"before-1\",\"text\":\"hello\"}"));
        ok(wire, send(TestServer.DEV, conversation, "{\"type\":\"event\",\"name\":\"TestEvent\","
                + "\"channelData\":{\"customEvent\":true,\"customEventValue\":\"{\\\"a\\\":1}\"}}"));
        String closed = createConversation(wire, TestServer.DEV, "{}");
        ok(wire, send(TestServer.DEV, closed, "{\"type\":\"message\",\"text\":\"bye\"}"));
        ok(wire, send(TestServer.DEV, closed, "{\"type\":\"endOfConversation\",\"id\":\"closing\"}"));
        String other = createConversation(wire, TestServer.OTHER, "{}");
        ok(wire, send(TestServer.OTHER, other, "{\"type\":\"message\",\"text\":\"other channel\"}"));
        return new Target(conversation, representativeMessage, closed, other);
    }

    /** The valid generator must produce requests the server accepts, or the corpus would test nothing. */
    private static void selfCheckTheValidGenerator(Wire wire, long seed) {
        String scratch = createConversation(wire, TestServer.DEV, "{}");
        ValidRequests valid = new ValidRequests(new Random(seed ^ 0x5A5A5A5AL), TestServer.DEV.channelId(),
                List.of(), List.of()).readingMessage(representativeMessage(wire, scratch));
        for (Kind kind : Kind.values()) {
            for (int i = 0; i < (kind == Kind.END_OF_CONVERSATION ? 3 : 10); i++) {
                String conversation = kind == Kind.END_OF_CONVERSATION ? createConversation(wire, TestServer.DEV, "{}")
                        : scratch;
                String body = Json.text(valid.activity(kind, conversation));
                WireReply reply = wire.send(send(TestServer.DEV, conversation, body));
                assertThat(reply.status()).as("valid %s %s -> %s", kind, body, reply.body()).isEqualTo(200);
            }
        }
        for (int i = 0; i < 15; i++) {
            String body = Json.text(valid.create(false));
            WireReply reply = wire.send(create(TestServer.DEV, body));
            assertThat(reply.status()).as("valid create %s -> %s", body, reply.body()).isEqualTo(200);
        }
    }

    // ------------------------------------------------------------------------------------------------ checks

    private static List<String> check(BadCase badCase, WireReply reply) {
        List<String> wrong = new ArrayList<>();
        if (reply.status() >= 500) {
            wrong.add("5xx");
        }
        if (reply.status() != badCase.status()) {
            wrong.add("status " + reply.status() + " instead of " + badCase.status());
        }
        if (!reply.contentType().startsWith("application/problem+json")) {
            wrong.add("Content-Type '" + reply.contentType() + "'");
        }
        JsonNode json = reply.json();
        if (json == null || !json.isObject()) {
            wrong.add("body is not a JSON object");
            return wrong;
        }
        if (json.path("status").asInt() != reply.status()) {
            wrong.add("problem status " + json.path("status"));
        }
        if (json.path("title").asText("").isBlank() || !json.path("type").isTextual()) {
            wrong.add("problem without title or type");
        }
        if (reply.errorCode() != badCase.errorCode()) {
            wrong.add("errorCode " + reply.errorCode() + " instead of " + badCase.errorCode());
        }
        if (reply.correlationId() == null || !reply.correlationId().equals(json.path("correlationId").asText())) {
            wrong.add("correlation id header " + reply.correlationId() + " vs body " + json.path("correlationId"));
        }
        if (reply.body().contains("Exception") || reply.body().contains("\tat ") || reply.body().contains("Caused by")) {
            wrong.add("stack trace in the body");
        }
        if (reply.body().contains("io.github.ccmessaging") || reply.body().contains("java.")) {
            wrong.add("a Java class or package in the body");
        }
        List<String> unknownNames = NAMES.unknown(json.path("detail").asText(""));
        if (!unknownNames.isEmpty()) {
            wrong.add("the detail names " + unknownNames + ", which are not the wire format's");
        }
        return wrong;
    }

    private static String describe(BadCase badCase, WireReply reply, List<String> wrong) {
        String body = reply.body().length() > 300 ? reply.body().substring(0, 300) + "..." : reply.body();
        return "- [" + badCase.category() + "] " + badCase.rule() + ": expected " + badCase.expected() + ", " + wrong
                + "\n    request: " + badCase.request() + "\n    answer: " + reply.status() + " " + reply.contentType()
                + " " + body;
    }

    /** A rejected create stored nothing: the corpus's customer ids and request ids still start new conversations. */
    private static void assertCreatesLeftNothingBehind(Wire wire, CountingStore store) {
        for (String customer : CUSTOMER_POOL) {
            WireReply reply = wire.send(create(TestServer.DEV, "{\"customercontext\":{\"customerid\":\"" + customer + "\"}}"));
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(reply.json().path("isNew").asBoolean()).as("customer %s after the corpus", customer).isTrue();
            assertThat(reply.json().has("messageId")).as("customer %s after the corpus", customer).isFalse();
        }
        for (String request : REQUEST_POOL) {
            WireReply reply = wire.send(create(TestServer.DEV, "{\"conversationrequestid\":\"" + request
                    + "\",\"startmessage\":{\"message\":\"after the corpus\"}}"));
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(reply.json().path("isNew").asBoolean()).as("request id %s after the corpus", request).isTrue();
            String conversation = reply.json().path("conversationId").asText();
            List<StoredActivity> stored = store.delegate().activities(TestServer.DEV.channelId(), conversation);
            assertThat(stored).as("request id %s after the corpus", request).hasSize(1);
            assertThat(reply.json().path("messageId").asText()).isEqualTo(Long.toString(stored.get(0).messageId()));
            assertThat(stored.get(0).json()).contains("after the corpus");
        }
    }

    // ------------------------------------------------------------------------------------------ disputed cases

    /** A disputed request aimed at the target, moved to a fresh conversation (and a fresh message to read). */
    private static WireRequest retargeted(WireRequest request) {
        if (!request.path().contains(target.conversationId())) {
            return request;
        }
        String fresh = createConversation(wire, TestServer.DEV, "{}");
        WireRequest moved = retarget(request, target.conversationId(), fresh);
        if (moved.body() != null && new String(moved.body(), StandardCharsets.ISO_8859_1)
                .contains(target.representativeMessageId())) {
            moved = retarget(moved, target.representativeMessageId(), representativeMessage(wire, fresh));
        }
        return moved;
    }

    /** The request with one conversation id (in either case) replaced by another, in the path and in the body. */
    private static WireRequest retarget(WireRequest request, String from, String to) {
        byte[] body = request.body();
        if (body != null) {
            String latin1 = new String(body, StandardCharsets.ISO_8859_1)
                    .replace(from, to)
                    .replace(from.toUpperCase(Locale.ROOT), to.toUpperCase(Locale.ROOT));
            body = latin1.getBytes(StandardCharsets.ISO_8859_1);
        }
        return request.withPath(request.path().replace(from, to)).withBody(body);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static WireRequest send(Channel channel, String conversationId, String body) {
        return new WireRequest("POST", BadInputCorpus.SEND_PREFIX + conversationId, headers(channel),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static WireRequest create(Channel channel, String body) {
        return new WireRequest("POST", BadInputCorpus.CREATE_PATH, headers(channel), body.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> headers(Channel channel) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + channel.token());
        headers.put("channel-id", channel.channelId());
        headers.put("organization-id", channel.organizationId());
        headers.put("Content-Type", "application/json");
        return headers;
    }

    /** Has the representative send a message into the conversation (emulator endpoint); returns its messageId. */
    private static String representativeMessage(Wire wire, String conversationId) {
        WireRequest request = new WireRequest("POST", "/emulator/conversations/" + conversationId + "/activities",
                headers(TestServer.DEV), "{\"type\":\"message\",\"text\":\"from the representative\"}"
                .getBytes(StandardCharsets.UTF_8));
        return ok(wire, request).json().get("messageId").asText();
    }

    private static String createConversation(Wire wire, Channel channel, String body) {
        WireReply reply = ok(wire, create(channel, body));
        return reply.json().path("conversationId").asText();
    }

    private static WireReply ok(Wire wire, WireRequest request) {
        WireReply reply = wire.send(request);
        assertThat(reply.status()).as("%s -> %s", request, reply.body()).isEqualTo(200);
        return reply;
    }

    /** What the store holds for the conversations the corpus aims at, and how much it was asked to write. */
    private record State(List<StoredActivity> target, Optional<Conversation> targetConversation,
                         List<StoredActivity> closed, Optional<Conversation> closedConversation,
                         List<StoredActivity> other, CountingStore.Snapshot writes) {
        static State of(CountingStore counting, Target target) {
            ConversationStore store = counting.delegate();
            String dev = TestServer.DEV.channelId();
            return new State(store.activities(dev, target.conversationId()), store.find(dev, target.conversationId()),
                    store.activities(dev, target.closedConversationId()), store.find(dev, target.closedConversationId()),
                    store.activities(TestServer.OTHER.channelId(), target.otherChannelConversationId()),
                    counting.snapshot());
        }
    }
}
