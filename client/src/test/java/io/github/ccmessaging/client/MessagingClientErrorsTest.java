package io.github.ccmessaging.client;

import static io.github.ccmessaging.client.MessagingClientRequestsTest.CHANNEL;
import static io.github.ccmessaging.client.MessagingClientRequestsTest.CONVERSATION;
import static io.github.ccmessaging.client.MessagingClientRequestsTest.ORGANIZATION;
import static io.github.ccmessaging.client.MessagingClientRequestsTest.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.ccmessaging.client.invoker.ApiException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MessagingClientErrorsTest {

    private static final String CORRELATION_ID = "5f0c2f7e-1111-4222-8333-944444444444";
    private static final String NO_TEXT_PROBLEM = """
            {"type":"https://learn.microsoft.com/dynamics365/contact-center/extend/error-handling#30016",
             "title":"Message activity has no text or attachments","status":400,
             "detail":"A message activity needs a non-empty text or at least one attachment.",
             "errorCode":30016,"correlationId":"body-correlation-id"}""";

    private FakeMessagingServer server;
    private MessagingClient client;

    @BeforeEach
    void startServer() {
        server = FakeMessagingServer.start();
        client = clientFor(server.baseUri(), Duration.ofSeconds(10));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void badRequestProblemBecomesMessagingApiExceptionWithErrorCodeAndCorrelationId() {
        server.respond(400, "application/problem+json", NO_TEXT_PROBLEM, Map.of("x-ms-correlation-id", CORRELATION_ID));

        MessagingApiException e = catchThrowableOfType(MessagingApiException.class,
                () -> client.sendMessage(CONVERSATION, ""));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errorCode()).hasValue(30016);
        assertThat(e.title()).hasValue("Message activity has no text or attachments");
        assertThat(e.detail()).hasValue("A message activity needs a non-empty text or at least one attachment.");
        assertThat(e.correlationId()).as("the header wins over the body").hasValue(CORRELATION_ID);
        assertThat(e.problem()).hasValueSatisfying(p -> assertThat(p.getStatus()).isEqualTo(400));
        assertThat(e.getMessage()).contains("400", "30016", "Message activity has no text or attachments",
                CORRELATION_ID);
    }

    @Test
    void correlationIdFallsBackToTheProblemBody() {
        server.respond(400, "application/problem+json", NO_TEXT_PROBLEM, Map.of());

        MessagingApiException e = catchThrowableOfType(MessagingApiException.class,
                () -> client.sendMessage(CONVERSATION, ""));

        assertThat(e.correlationId()).hasValue("body-correlation-id");
    }

    @Test
    void createConversationErrorsAreTranslatedToo() {
        server.respond(400, "application/problem+json",
                "{\"title\":\"Too many context variables\",\"status\":400,\"errorCode\":30010}", Map.of());

        MessagingApiException e = catchThrowableOfType(MessagingApiException.class, () -> client.createConversation());

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errorCode()).hasValue(30010);
        assertThat(e.getMessage()).startsWith("createConversation");
    }

    @Test
    void unauthorizedWithoutBodyHasStatusButNoErrorCode() {
        server.respond(401, null, null, Map.of("x-ms-correlation-id", CORRELATION_ID));

        MessagingApiException e = catchThrowableOfType(MessagingApiException.class,
                () -> client.sendTyping(CONVERSATION));

        assertThat(e.status()).isEqualTo(401);
        assertThat(e.errorCode()).isEmpty();
        assertThat(e.title()).isEmpty();
        assertThat(e.problem()).isEmpty();
        assertThat(e.responseBody()).isEmpty();
        assertThat(e.correlationId()).hasValue(CORRELATION_ID);
        assertThat(e.getMessage()).contains("401", "no body");
    }

    @Test
    void unauthorizedProblemWithoutErrorCodeHasTitleButNoErrorCode() {
        server.respond(401, "application/problem+json",
                "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401}", Map.of());

        MessagingApiException e = catchThrowableOfType(MessagingApiException.class,
                () -> client.sendTyping(CONVERSATION));

        assertThat(e.status()).isEqualTo(401);
        assertThat(e.errorCode()).isEmpty();
        assertThat(e.title()).hasValue("Unauthorized");
    }

    @Test
    void nonJsonServerErrorKeepsRawBodyInMessage() {
        String html = "<html><body>502 Bad Gateway from the proxy</body></html>";
        server.respond(500, "text/html", html, Map.of());

        MessagingApiException e = catchThrowableOfType(MessagingApiException.class,
                () -> client.sendMessage(CONVERSATION, "Hi"));

        assertThat(e.status()).isEqualTo(500);
        assertThat(e.errorCode()).isEmpty();
        assertThat(e.problem()).isEmpty();
        assertThat(e.correlationId()).isEmpty();
        assertThat(e.responseBody()).isEqualTo(html);
        assertThat(e.getMessage()).contains("500", html);
    }

    @Test
    void successResponseWithoutBodyBecomesTransportException() {
        server.respond(200, null, null, Map.of());

        MessagingTransportException e = catchThrowableOfType(MessagingTransportException.class,
                () -> client.sendTyping(CONVERSATION));

        assertThat(e).hasMessageContaining("no body");
    }

    @Test
    void refusedConnectionBecomesTransportExceptionNamingHostAndPort() {
        URI closed = server.baseUri();
        server.close();
        MessagingClient unreachable = clientFor(closed, Duration.ofSeconds(5));

        MessagingTransportException e = catchThrowableOfType(MessagingTransportException.class,
                () -> unreachable.sendTyping(CONVERSATION));

        assertThat(e).hasCauseInstanceOf(IOException.class)
                .hasMessageStartingWith("sendActivity failed: cannot connect to " + hostAndPort(closed));
    }

    @Test
    void refusedConnectionOfTheEmulatorClientNamesHostAndPortToo() {
        URI closed = server.baseUri();
        server.close();
        MessagingClient unreachable = clientFor(closed, Duration.ofSeconds(5));

        MessagingTransportException e = catchThrowableOfType(MessagingTransportException.class,
                () -> unreachable.emulator().resetState());

        assertThat(e).hasMessageStartingWith("resetState failed: cannot connect to " + hostAndPort(closed));
    }

    @Test
    void connectionErrorNamesTheDefaultPortOfTheSchemeWhenTheBaseUriHasNone() {
        ApiCalls calls = new ApiCalls(MessagingClient.Builder.responseMapper(), new RetryPolicy(0, Duration.ZERO,
                Duration.ZERO), delay -> { }, URI.create("https://m-org.crm4.omnichannelengagementhub.com"));

        MessagingTransportException e = catchThrowableOfType(MessagingTransportException.class,
                () -> calls.call("listConversations", () -> {
                    throw new ApiException(new ConnectException());
                }));

        assertThat(e).hasMessageContaining("cannot connect to m-org.crm4.omnichannelengagementhub.com:443");
    }

    @Test
    void slowResponseBeyondRequestTimeoutBecomesTransportExceptionNamingHostAndPort() {
        server.delayResponses(Duration.ofSeconds(3));
        MessagingClient impatient = clientFor(server.baseUri(), Duration.ofMillis(300));

        MessagingTransportException e = catchThrowableOfType(MessagingTransportException.class,
                () -> impatient.sendTyping(CONVERSATION));

        assertThat(e).hasCauseInstanceOf(HttpTimeoutException.class)
                .hasMessage("sendActivity failed: no response from " + hostAndPort(server.baseUri())
                        + " within the request timeout");
    }

    @Test
    void interruptedCallBecomesTransportExceptionAndKeepsTheInterruptFlag() {
        server.delayResponses(Duration.ofSeconds(3));
        try {
            Thread.currentThread().interrupt();

            MessagingTransportException e = catchThrowableOfType(MessagingTransportException.class,
                    () -> client.sendTyping(CONVERSATION));

            assertThat(e).hasCauseInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    private static String hostAndPort(URI uri) {
        return uri.getHost() + ":" + uri.getPort();
    }

    private static MessagingClient clientFor(URI baseUri, Duration requestTimeout) {
        return MessagingClient.builder()
                .baseUri(baseUri)
                .channelId(CHANNEL)
                .organizationId(ORGANIZATION)
                .token(TOKEN)
                .requestTimeout(requestTimeout)
                .build();
    }
}
