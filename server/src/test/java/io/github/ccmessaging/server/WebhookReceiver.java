package io.github.ccmessaging.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A channel's webhook on a free loopback port: records what it receives; can fail the first requests on purpose. */
public final class WebhookReceiver implements AutoCloseable {
    /** One delivery as received. */
    public record Received(String path, String authorization, JsonNode activity) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    exchange.sendResponseHeaders(500, -1);
                    return;
                }
                received.add(new Received(exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Authorization"), JSON.readTree(body)));
                byte[] ok = "{}".getBytes();
                exchange.sendResponseHeaders(200, ok.length);
                exchange.getResponseBody().write(ok);
            }
        });
        server.start();
    }

    /** The base URL to register, with a path of its own like real channels use. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhook";
    }

    /** Answers the next {@code count} deliveries with 500. */
    public void failNext(int count) {
        failuresLeft.set(count);
    }

    /** The next {@code count} deliveries, waiting up to 10 s for them. */
    public List<Received> take(int count) throws InterruptedException {
        List<Received> taken = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (taken.size() < count) {
            Received next = received.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("the webhook received " + taken.size() + " of " + count + " deliveries");
            }
            taken.add(next);
        }
        return taken;
    }

    /** How many deliveries arrived that no {@link #take} has taken yet. */
    public int waiting() {
        return received.size();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
