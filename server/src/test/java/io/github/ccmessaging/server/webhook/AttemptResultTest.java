package io.github.ccmessaging.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AttemptResultTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 204, 299})
    void anyTwoHundredStatusIsDelivered(int status) {
        assertThat(AttemptResult.ofStatus(status)).isEqualTo(new AttemptResult(AttemptResult.Kind.SUCCESS, null));
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 199, 301, 400, 401, 404, 429, 500, 503})
    void anyOtherStatusIsAnHttpError(int status) {
        assertThat(AttemptResult.ofStatus(status))
                .isEqualTo(new AttemptResult(AttemptResult.Kind.HTTP_ERROR, "HTTP " + status));
    }

    @Test
    void noAnswerInTimeIsATimeout() {
        assertThat(AttemptResult.ofFailure(new CompletionException(new HttpTimeoutException("x")), TIMEOUT).kind())
                .isEqualTo(AttemptResult.Kind.TIMEOUT);
        assertThat(AttemptResult.ofFailure(new HttpConnectTimeoutException("x"), TIMEOUT).kind())
                .isEqualTo(AttemptResult.Kind.TIMEOUT);
        assertThat(AttemptResult.ofFailure(new CancellationException(), TIMEOUT).error())
                .isEqualTo("no response within 10000 ms");
    }

    @Test
    void aRefusedConnectionIsAnIoErrorNamingTheCause() {
        ConnectException refused = new ConnectException();
        refused.initCause(new ConnectException("Connection refused"));

        AttemptResult result = AttemptResult.ofFailure(new CompletionException(refused), TIMEOUT);

        assertThat(result).isEqualTo(new AttemptResult(AttemptResult.Kind.IO_ERROR,
                "ConnectException: Connection refused"));
    }
}
