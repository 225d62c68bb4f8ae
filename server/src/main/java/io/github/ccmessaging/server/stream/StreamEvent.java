package io.github.ccmessaging.server.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * One event of a channel's stream. Its payload is built and written as JSON only when a stream first sends it, on a
 * stream's thread, so the request that caused it pays for a reference and no more; every stream then sends the same
 * built event: as Jersey's {@link OutboundSseEvent}, or as the bytes of the event on the wire ({@link #wire}).
 */
final class StreamEvent {
    private final long sequence;
    private final String name;
    private final Supplier<Object> payload;
    private String data;
    private OutboundSseEvent built;
    private byte[] wire;

    StreamEvent(long sequence, String name, Supplier<Object> payload) {
        this.sequence = sequence;
        this.name = name;
        this.payload = payload;
    }

    long sequence() {
        return sequence;
    }

    synchronized OutboundSseEvent built(Sse sse, ObjectMapper json, String id) {
        if (built == null) {
            built = sse.newEventBuilder().name(name).id(id).mediaType(MediaType.TEXT_PLAIN_TYPE)
                    .data(String.class, data(json)).build();
        }
        return built;
    }

    /** The event as Jersey's event writer puts it on the wire: its name, its id, its data, and an empty line. */
    synchronized byte[] wire(ObjectMapper json, String id) {
        if (wire == null) {
            StringBuilder text = new StringBuilder(64 + name.length() + id.length());
            text.append("event: ").append(name).append("\nid: ").append(id).append('\n');
            // compact JSON has no line break, but every line of data needs its own field
            for (String line : data(json).split("\r\n|\r|\n", -1)) {
                text.append("data: ").append(line).append('\n');
            }
            wire = text.append('\n').toString().getBytes(StandardCharsets.UTF_8);
        }
        return wire;
    }

    private String data(ObjectMapper json) {
        if (data == null) {
            try {
                data = json.writeValueAsString(payload.get());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A stream event could not be written as JSON", e);
            }
        }
        return data;
    }
}
