package io.github.ccmessaging.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ccmessaging.client.invoker.ApiClient;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MessagingApiExceptionTest {

    private final ObjectMapper mapper = ApiClient.createDefaultObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"title\": \"truncated",
            "[1, 2, 3]",
            "\"just a string\"",
            "{\"error\": \"not a problem document\"}",
            "{\"title\": \"Bad\", \"errorCode\": \"not-a-number\"}",
            "Service Unavailable"})
    void bodyThatIsNotAProblemDocumentIsKeptRawInTheMessage(String body) {
        MessagingApiException e = MessagingApiException.fromResponse("sendActivity", 503, headers(Map.of()), body, mapper);

        assertThat(e.status()).isEqualTo(503);
        assertThat(e.problem()).isEmpty();
        assertThat(e.errorCode()).isEmpty();
        assertThat(e.responseBody()).isEqualTo(body);
        assertThat(e.getMessage()).contains("503", body);
    }

    @Test
    void hugeBodyIsShortenedInTheMessageButKeptWhole() {
        String body = "x".repeat(10_000);

        MessagingApiException e = MessagingApiException.fromResponse("sendActivity", 500, headers(Map.of()), body, mapper);

        assertThat(e.getMessage()).hasSizeLessThan(2_200).contains("more characters");
        assertThat(e.responseBody()).isEqualTo(body);
    }

    @Test
    void missingHeadersAndBodyAreTolerated() {
        MessagingApiException e = MessagingApiException.fromResponse("sendActivity", 429, null, null, mapper);

        assertThat(e.status()).isEqualTo(429);
        assertThat(e.correlationId()).isEmpty();
        assertThat(e.responseBody()).isEmpty();
    }

    @Test
    void errorCodeWithoutTitleStillShowsTheBody() {
        String body = "{\"errorCode\":30003}";

        MessagingApiException e = MessagingApiException.fromResponse("sendActivity", 400, headers(Map.of()), body, mapper);

        assertThat(e.errorCode()).hasValue(30003);
        assertThat(e.getMessage()).contains("30003", body);
    }

    private static HttpHeaders headers(Map<String, String> values) {
        Map<String, List<String>> map = new java.util.HashMap<>();
        values.forEach((name, value) -> map.put(name, List.of(value)));
        return HttpHeaders.of(map, (name, value) -> true);
    }
}
