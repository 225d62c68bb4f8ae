package io.github.ccmessaging.bench.start;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** What both contenders share: the request whose 200 ends a start, and the line each JVM prints. */
final class FirstAnswer {
    static final String CHANNEL_ID = "c0ffee00-0000-4000-8000-000000000001";
    static final String ORGANIZATION_ID = "c0ffee00-0000-4000-8000-000000000002";
    static final String TOKEN = "emulator-dev-token";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** POSTs a create until it answers 200 (the first try normally does: the start returns once it listens). */
    String create(URI baseUri, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUri + "/api/v1.0/consumer/conversation/create"))
                .header("channel-id", CHANNEL_ID).header("organization-id", ORGANIZATION_ID)
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        for (int tries = 0; ; tries++) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return response.body();
            }
            if (tries == 100) {
                throw new IllegalStateException("create answered " + response.statusCode() + ": " + response.body());
            }
            Thread.sleep(10);
        }
    }

    static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String json(List<Double> values) {
        return values.stream().map(FirstAnswer::number).collect(Collectors.joining(",", "[", "]"));
    }

    static String number(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    static int option(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
