package io.github.ccmessaging.server.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/** Builds the POST of a delivery to {@code {webhookUrl}/v3/conversations/{conversationId}/activities}. */
final class WebhookRequests {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private WebhookRequests() {
    }

    /** @throws IllegalArgumentException when the URL is not an absolute http(s) URL or the token is no header value */
    static HttpRequest build(WebhookDelivery delivery, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(activitiesUri(delivery.webhookUrl(),
                        delivery.conversationId()))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(delivery.activityJson(), StandardCharsets.UTF_8));
        try {
            request.header("Authorization", "Bearer " + delivery.token());
        } catch (IllegalArgumentException e) {
            // Not chained: the JDK's message quotes the token.
            throw new IllegalArgumentException("the webhook token is not a valid HTTP header value");
        }
        return request.build();
    }

    /** The base URL's path gets the activities path appended; a query string is kept. */
    static URI activitiesUri(String webhookUrl, String conversationId) {
        URI base = parse(webhookUrl);
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || base.getRawAuthority() == null
                || base.getHost() == null) {
            throw new IllegalArgumentException("webhook URL is not an absolute http(s) URL: " + webhookUrl);
        }
        String basePath = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        String query = base.getRawQuery() == null ? "" : "?" + base.getRawQuery();
        return parse(scheme + "://" + base.getRawAuthority() + basePath + "/v3/conversations/"
                + encodeSegment(conversationId) + "/activities" + query);
    }

    private static URI parse(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("webhook URL is malformed: " + url, e);
        }
    }

    /** Percent-encodes all but RFC 3986 unreserved characters, so an id can never add a path segment. */
    static String encodeSegment(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }
}
