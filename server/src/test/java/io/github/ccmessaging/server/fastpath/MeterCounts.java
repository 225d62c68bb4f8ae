package io.github.ccmessaging.server.fastpath;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The fast path's counters as {@code /metrics} shows them. */
final class MeterCounts {
    static final String VALIDATION = FastPath.VALIDATION_METER + "_total";
    static final String IN_PLACE = FastPath.IN_PLACE_METER + "_total";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private MeterCounts() {
    }

    /** The value of the counter {@code name} (with its {@code _total}); fails when /metrics does not show it. */
    static long of(URI baseUri, String name) {
        String metrics;
        try {
            metrics = HTTP.send(HttpRequest.newBuilder(URI.create(baseUri + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        Matcher count = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*})? (\\S+)$").matcher(metrics);
        assertThat(count.find()).as(name + " in /metrics").isTrue();
        return (long) Double.parseDouble(count.group(1));
    }
}
