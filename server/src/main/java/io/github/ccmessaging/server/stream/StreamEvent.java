package io.github.ccmessaging.server.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.function.Supplier;

/**
 * One event of a channel's stream. Its payload is built and written as JSON only when a stream first sends it, on a
 * stream's thread, so the request that caused it pays for a reference and no more; every stream then sends the same
 * built event.
 */
final class StreamEvent {
    private final long sequence;
    private final String name;
    private final Supplier<Object> payload;
    private OutboundSseEvent built;

    StreamEvent(long sequence, String name, Supplier<Object> payload) {
        this.sequence = sequence;
        this.name = name;
        this.payload = payload;
    }

    long sequence() {
        return sequence;
    }

    String name() {
        return name;
    }

    synchronized OutboundSseEvent built(Sse sse, ObjectMapper json, String id) {
        if (built == null) {
            built = sse.newEventBuilder().name(name).id(id).mediaType(MediaType.TEXT_PLAIN_TYPE)
                    .data(String.class, write(json, payload.get())).build();
        }
        return built;
    }

    private static String write(ObjectMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stream event could not be written as JSON", e);
        }
    }
}
