package io.github.ccmessaging.bench.baseline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The ceiling of our stack: Jersey on Grizzly with Jackson, one resource that reads the activity body into a tree and
 * answers a constant {@code {"messageId": ..., "message": null}}. No validation, no authentication, no state.
 *
 * <p>{@code java -jar bench-baseline.jar --port N} (loopback only).
 */
public final class BaselineServer {
    private BaselineServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = 8080;
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--port")) {
                port = Integer.parseInt(args[i + 1]);
            }
        }
        HttpServer http = GrizzlyHttpServerFactory.createHttpServer(
                URI.create("http://127.0.0.1:" + port + "/"), createApp(), true);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.shutdownNow();
            stopped.countDown();
        }, "shutdown"));
        System.out.println("Baseline listening on http://127.0.0.1:" + port);
        stopped.await();
    }

    /** The application: also what bench/start serves to time a bare Jersey start in-process. */
    public static ResourceConfig createApp() {
        return new ResourceConfig()
                .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                .register(JacksonFeature.class)
                .register(ConversationResource.class);
    }

    /** The same three routes as the server's benchmark load, with constant answers. */
    @Path("/api/v1.0/consumer/conversation")
    public static final class ConversationResource {
        static final String CONVERSATION_ID = "9a1c3c0e-52f7-4b5e-9c6a-3f2d1e0b8a77";

        @POST
        @Path("/create")
        @Consumes(MediaType.APPLICATION_JSON)
        @Produces(MediaType.APPLICATION_JSON)
        public Created create(JsonNode request) {
            return new Created(CONVERSATION_ID, true);
        }

        @POST
        @Path("/{conversationId}")
        @Consumes(MediaType.APPLICATION_JSON)
        @Produces(MediaType.APPLICATION_JSON)
        public Sent send(@PathParam("conversationId") String conversationId, JsonNode activity) {
            return new Sent("1745323200123", null);
        }

        /** A full first page: 50 stored message activities, as the server answers for a busy conversation. */
        private static final ObjectNode PAGE = page(50);

        @GET
        @Path("/{conversationId}/messages")
        @Produces(MediaType.APPLICATION_JSON)
        public ObjectNode messages(@PathParam("conversationId") String conversationId) {
            return PAGE;
        }

        private static ObjectNode page(int size) {
            ObjectMapper json = new ObjectMapper();
            ObjectNode page = json.createObjectNode();
            ArrayNode messages = page.putArray("messages");
            for (int i = 0; i < size; i++) {
                ObjectNode message = messages.addObject();
                message.put("type", "message").put("id", String.valueOf(1745323200123L + i))
                        .put("messageId", String.valueOf(1745323200123L + i))
                        .put("timestamp", "2026-12-03T20:00:00.123Z").put("channelId", "c0ffee00-0000-4000-8000-000000000001")
                        .put("text", "Hello, I need help with my order");
                message.putObject("from").put("id", "customer-1234").put("name", "John Doe");
                message.putObject("conversation").put("id", CONVERSATION_ID);
            }
            page.put("continuationToken", "1745323200173");
            return page;
        }
    }

    /** {@code {"conversationId": ..., "isNew": true}}. */
    public record Created(String conversationId, boolean isNew) {
    }

    /** {@code {"messageId": ..., "message": null}}, the documented answer. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Sent(String messageId, Object message) {
    }
}
