package io.github.ccmessaging.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ccmessaging.server.channel.Channel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A client of the emulator's event stream ({@code GET /emulator/stream}), reading Server-Sent Events as a browser
 * would: each event's name, id and JSON data, in order. The stream ends when the server ends it or on {@link #close}.
 */
public final class EventStreamClient implements AutoCloseable {
    /** One event as received; {@code data} is null for a comment. */
    public record Event(String name, String id, JsonNode data) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Event END = new Event("(end)", null, null);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final HttpResponse<Stream<String>> response;
    private volatile String lastId;

    private EventStreamClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        if (response.statusCode() == 200) {
            CompletableFuture.runAsync(this::read);
        }
    }

    /** Opens the stream of {@code channel}, resuming after {@code lastEventId} unless it is null. */
    public static EventStreamClient open(URI baseUri, Channel channel, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri.resolve("/emulator/stream"))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + channel.token())
                .header("channel-id", channel.channelId())
                .header("organization-id", channel.organizationId());
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            return new EventStreamClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return response.statusCode();
    }

    public HttpResponse<Stream<String>> response() {
        return response;
    }

    /** The id of the last event received, as a browser would send it in {@code Last-Event-ID}. */
    public String lastId() {
        return lastId;
    }

    private void read() {
        String name = null;
        String id = null;
        StringBuilder data = new StringBuilder();
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        if (id != null) {
                            lastId = id;
                        }
                        events.add(new Event(name == null ? "message" : name, id, JSON.readTree(data.toString())));
                    }
                    name = null;
                    id = null;
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("data:")) {
                    data.append(data.length() > 0 ? "\n" : "").append(line.substring(5).trim());
                }
            }
        } catch (IOException | UncheckedIOException ended) {
            // the stream was closed
        } finally {
            events.add(END);
        }
    }

    /** The next event, failing when none arrives within {@code wait} or the stream ended. */
    public Event next(Duration wait) {
        try {
            Event event = events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new AssertionError("no event within " + wait);
            }
            if (event == END) {
                events.add(END);
                throw new AssertionError("the stream ended");
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next event named {@code name}, skipping others. */
    public Event next(String name) {
        return next(event -> event.name().equals(name));
    }

    /** The next event about {@code conversationId}, skipping others. */
    public Event about(String conversationId) {
        return next(event -> event.data() != null && conversationId.equals(event.data().path("conversationId").asText()));
    }

    /** The next event that {@code wanted} accepts within 10 seconds, skipping others. */
    public Event next(java.util.function.Predicate<Event> wanted) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            Event event = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (wanted.test(event)) {
                return event;
            }
        }
    }

    /** Whatever arrives within {@code wait}. */
    public List<Event> drain(Duration wait) {
        List<Event> seen = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            Event event;
            while ((event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) != null) {
                if (event == END) {
                    events.add(END);
                    break;
                }
                seen.add(event);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return seen;
    }

    /** Whether the server ended the stream, waiting up to {@code wait} for it. */
    public boolean ended(Duration wait) {
        drain(wait);
        return events.peek() == END;
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (RuntimeException ignored) {
            // already closed
        }
    }
}
