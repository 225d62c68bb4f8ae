package io.github.ccmessaging.server.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A real webhook on 127.0.0.1 that answers as its test scripts it and remembers every request it was sent. */
final class WebhookReceiver implements AutoCloseable {

    record Received(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.get(0);
        }
    }

    @FunctionalInterface
    interface Responder {
        /** The status to answer the {@code number}th request (counting from 1) with; may block to play dead. */
        int status(Received request, int number) throws Exception;
    }

    private final HttpServer server;
    // Concurrent on purpose, so requests the dispatcher wrongly sent side by side could overtake each other.
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private final boolean stallsBody;
    private final CountDownLatch closed = new CountDownLatch(1);

    WebhookReceiver(Responder responder) throws IOException {
        this(responder, false);
    }

    private WebhookReceiver(Responder responder, boolean stallsBody) throws IOException {
        this.stallsBody = stallsBody;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> handle(exchange, responder));
        server.setExecutor(executor);
        server.start();
    }

    /** Answers 200 at once but then never sends the (chunked) body until closed. */
    static WebhookReceiver stallingAfterHeaders() throws IOException {
        return new WebhookReceiver((request, n) -> 200, true);
    }

    String url(String basePath) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + basePath;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Waits, within a liveness limit, until at least {@code n} requests have arrived. */
    List<Received> awaitReceived(int n, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (received.size() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("received " + received.size() + " of " + n + " requests");
            }
            Thread.sleep(5);
        }
        return received();
    }

    private void handle(HttpExchange exchange, Responder responder) {
        try {
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.putAll(exchange.getRequestHeaders());
            Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    headers, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            received.add(request);
            int status = responder.status(request, count.incrementAndGet());
            exchange.sendResponseHeaders(status, stallsBody ? 0 : -1);
            if (stallsBody) {
                exchange.getResponseBody().flush();
                closed.await(1, TimeUnit.MINUTES);
            }
        } catch (Exception e) {
            // The dispatcher hung up (timeout or close) or the test ended while this request was held.
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
