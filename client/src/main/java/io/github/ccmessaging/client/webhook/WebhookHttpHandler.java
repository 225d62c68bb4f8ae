package io.github.ccmessaging.client.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A {@link WebhookReceiver} mounted in the JDK's HTTP server: 200 {@code {}} for an accepted activity, the
 * rejection's status with a problem document otherwise, 500 when the consumer fails (so that the sender retries).
 */
final class WebhookHttpHandler implements HttpHandler {

    private static final System.Logger LOG = System.getLogger(WebhookHttpHandler.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] ACCEPTED = "{}".getBytes(StandardCharsets.UTF_8);

    private final WebhookReceiver receiver;
    private final Consumer<ReceivedActivity> consumer;

    WebhookHttpHandler(WebhookReceiver receiver, Consumer<ReceivedActivity> consumer) {
        this.receiver = receiver;
        this.consumer = consumer;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            ReceivedActivity received;
            try {
                String conversationId = receiver.checkRequest(exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath(), exchange.getRequestHeaders().getFirst("Authorization"));
                byte[] body = readAtMost(exchange.getRequestBody(), receiver.maxBodyBytes());
                received = receiver.parse(conversationId, body);
            } catch (WebhookRejectedException e) {
                reject(exchange, e);
                return;
            }
            try {
                consumer.accept(received);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the webhook consumer failed on an activity of conversation "
                        + received.conversationId() + "; answering 500 so that the sender retries", e);
                send(exchange, 500, "application/problem+json",
                        problem(500, "The channel could not process the activity", null));
                return;
            }
            send(exchange, 200, "application/json", ACCEPTED);
        }
    }

    private static void reject(HttpExchange exchange, WebhookRejectedException e) throws IOException {
        if (e.status() == 405) {
            exchange.getResponseHeaders().set("Allow", "POST");
        } else if (e.status() == 401) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        }
        send(exchange, e.status(), "application/problem+json", problem(e.status(), title(e.status()), e.getMessage()));
    }

    private static String title(int status) {
        return switch (status) {
            case 401 -> "Unauthorized";
            case 405 -> "Method Not Allowed";
            case 413 -> "Payload Too Large";
            default -> "Bad Request";
        };
    }

    private static byte[] problem(int status, String title, String detail) {
        ObjectNode problem = JSON.createObjectNode().put("title", title).put("status", status);
        if (detail != null) {
            problem.put("detail", detail);
        }
        return problem.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    /** Reads the body, but no more than one byte past the limit: enough to tell that it is too long. */
    private static byte[] readAtMost(InputStream in, int maxBodyBytes) throws IOException {
        return in.readNBytes(maxBodyBytes == Integer.MAX_VALUE ? maxBodyBytes : maxBodyBytes + 1);
    }
}
