package io.github.ccmessaging.server.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccmessaging.server.conversation.Timestamps;
import io.github.ccmessaging.server.store.OutboxItem;
import io.github.ccmessaging.server.store.StoredJson;
import io.github.ccmessaging.server.webhook.WebhookBody;
import java.time.Instant;

/** A stored representative-side activity as the webhook receives it: with its messageId as {@code id} and a timestamp. */
public final class DeliveredActivity implements WebhookBody {
    private final ObjectMapper json;

    public DeliveredActivity(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public String render(OutboxItem item) {
        return of((ObjectNode) StoredJson.read(json, item.activityJson()), item.messageId(), item.receivedAt()).toString();
    }

    static ObjectNode of(ObjectNode stored, long messageId, Instant at) {
        ObjectNode copy = stored.deepCopy();
        copy.put("id", Long.toString(messageId));
        copy.put("timestamp", Timestamps.format(at));
        return copy;
    }
}
