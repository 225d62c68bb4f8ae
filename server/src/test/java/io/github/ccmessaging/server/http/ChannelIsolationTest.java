package io.github.ccmessaging.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ccmessaging.server.ApiCalls;
import io.github.ccmessaging.server.ApiCalls.Reply;
import io.github.ccmessaging.server.TestServer;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every endpoint that names a conversation keeps it to its channel: another channel gets 404, never the data. */
class ChannelIsolationTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> endpoints() {
        String consumer = "/api/v1.0/consumer/conversation/";
        String emulator = "/emulator/conversations/";
        return Stream.of(
                Arguments.of("send", (BiFunction<ApiCalls, String, Reply>) (api, id) -> api.message(id, "hi")),
                Arguments.of("messages", (BiFunction<ApiCalls, String, Reply>) (api, id) -> api.get(consumer + id + "/messages")),
                Arguments.of("context", (BiFunction<ApiCalls, String, Reply>) (api, id) -> api.get(consumer + id + "/context")),
                Arguments.of("accept", (BiFunction<ApiCalls, String, Reply>) (api, id) -> api.post(emulator + id + "/accept", null)),
                Arguments.of("reply", (BiFunction<ApiCalls, String, Reply>) (api, id) ->
                        api.post(emulator + id + "/activities", "{\"type\":\"message\",\"text\":\"hi\"}")),
                Arguments.of("update context", (BiFunction<ApiCalls, String, Reply>) (api, id) ->
                        api.post(emulator + id + "/context", "{\"context\":{\"a\":{\"value\":\"b\"}}}")),
                Arguments.of("close", (BiFunction<ApiCalls, String, Reply>) (api, id) -> api.post(emulator + id + "/close", null)),
                Arguments.of("transcript", (BiFunction<ApiCalls, String, Reply>) (api, id) -> api.get(emulator + id + "/transcript")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void anotherChannelGets404AndChangesNothing(String name, BiFunction<ApiCalls, String, Reply> call) {
        String conversation = server.dev().create("{\"conversationcontext\":{\"secret\":{\"value\":\"s3cr3t\"}}}")
                .json().get("conversationId").asText();
        server.dev().message(conversation, "private words");
        int before = server.store.activities(TestServer.DEV.channelId(), conversation).size();

        Reply reply = call.apply(server.as(TestServer.OTHER), conversation);

        assertThat(reply.status()).as(reply.body()).isEqualTo(404);
        assertThat(reply.errorCode()).isEqualTo(30013);
        assertThat(reply.body()).doesNotContain("s3cr3t").doesNotContain("private words");
        assertThat(server.store.activities(TestServer.DEV.channelId(), conversation)).hasSize(before);
        assertThat(server.store.find(TestServer.DEV.channelId(), conversation).orElseThrow().open()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void theRightChannelWithAnotherOrganizationGets401(String name, BiFunction<ApiCalls, String, Reply> call) {
        String conversation = server.dev().newConversation();
        Reply reply = call.apply(server.dev().withHeader("organization-id", TestServer.OTHER.organizationId()),
                conversation);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body()).doesNotContain(conversation);
    }
}
