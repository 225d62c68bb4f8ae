package io.github.ccmessaging.bench.start;

import io.github.ccmessaging.bench.baseline.BaselineServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;

/**
 * The bare Jersey + Grizzly + Jackson baseline ({@code bench/baseline}) started in-process the same way as
 * {@link ServerStarts} starts the server: the first start in a fresh JVM to the first 200 of a create, and the starts
 * after it. Prints one JSON line.
 */
public final class JerseyStarts {
    private JerseyStarts() {
    }

    public static void main(String[] args) throws Exception {
        int starts = FirstAnswer.option(args, "--starts", 5);
        FirstAnswer answer = new FirstAnswer();

        List<Double> toFirst200 = new ArrayList<>();
        List<Double> toListening = new ArrayList<>();
        long answeredAt = 0;
        for (int i = 0; i < starts; i++) {
            long t0 = System.nanoTime();
            HttpServer http = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"),
                    BaselineServer.createApp(), true);
            try {
                toListening.add(FirstAnswer.millisSince(t0));
                int port = http.getListeners().iterator().next().getPort();
                answer.create(URI.create("http://127.0.0.1:" + port), "{}");
                toFirst200.add(FirstAnswer.millisSince(t0));
                if (i == 0) {
                    answeredAt = System.currentTimeMillis();
                }
            } finally {
                http.shutdownNow();
            }
        }

        System.out.println("{\"contender\":\"jersey\",\"answered_at_epoch_ms\":" + answeredAt
                + ",\"first_ms\":" + FirstAnswer.number(toFirst200.get(0))
                + ",\"second_ms\":" + (starts > 1 ? FirstAnswer.number(toFirst200.get(1)) : "null")
                + ",\"starts_ms\":" + FirstAnswer.json(toFirst200)
                + ",\"listening_ms\":" + FirstAnswer.json(toListening) + "}");
    }
}
