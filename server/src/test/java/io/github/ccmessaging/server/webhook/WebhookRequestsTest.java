package io.github.ccmessaging.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookRequestsTest {

    @ParameterizedTest
    @CsvSource({
            "https://contoso.example/webhook, https://contoso.example/webhook/v3/conversations/c-1/activities",
            "https://contoso.example/webhook/, https://contoso.example/webhook/v3/conversations/c-1/activities",
            "https://contoso.example, https://contoso.example/v3/conversations/c-1/activities",
            "HTTP://127.0.0.1:8080/a/b, http://127.0.0.1:8080/a/b/v3/conversations/c-1/activities",
            "https://fn.example/api/hook?code=k%2B1, https://fn.example/api/hook/v3/conversations/c-1/activities?code=k%2B1"
    })
    void appendsTheActivitiesPathToTheWebhookUrl(String webhookUrl, String expected) {
        assertThat(WebhookRequests.activitiesUri(webhookUrl, "c-1")).isEqualTo(URI.create(expected));
    }

    @Test
    void percentEncodesTheConversationIdSoItStaysOneSegment() {
        URI uri = WebhookRequests.activitiesUri("https://contoso.example/hook", "a b/../c?d#é");

        assertThat(uri.getRawPath()).isEqualTo("/hook/v3/conversations/a%20b%2F..%2Fc%3Fd%23%C3%A9/activities");
        assertThat(uri.getRawQuery()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://contoso.example/hook", "/webhook", "contoso.example/webhook", "http://", "http://a b/"})
    void rejectsAWebhookUrlThatIsNotAbsoluteHttp(String webhookUrl) {
        assertThatThrownBy(() -> WebhookRequests.activitiesUri(webhookUrl, "c-1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void buildsAPostWithTheTokenJsonTypeAndTimeout() {
        HttpRequest request = WebhookRequests.build(
                new WebhookDelivery("c-1", 1L, "{}", "https://contoso.example/hook", "tok"), Duration.ofSeconds(10));

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.headers().firstValue("Authorization")).hasValue("Bearer tok");
        assertThat(request.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(request.timeout()).hasValue(Duration.ofSeconds(10));
        assertThat(request.bodyPublisher()).hasValueSatisfying(body -> assertThat(body.contentLength()).isEqualTo(2));
    }

    @Test
    void rejectsATokenThatCouldSmuggleAHeaderWithoutQuotingIt() {
        WebhookDelivery delivery =
                new WebhookDelivery("c-1", 1L, "{}", "https://contoso.example/hook", "s3cr3t\r\nX-Evil: 1");

        assertThatThrownBy(() -> WebhookRequests.build(delivery, Duration.ofSeconds(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasNoCause()
                .message().doesNotContain("s3cr3t");
    }
}
