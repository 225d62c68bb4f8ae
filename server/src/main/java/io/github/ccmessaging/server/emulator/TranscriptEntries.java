package io.github.ccmessaging.server.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ccmessaging.server.conversation.Timestamps;
import io.github.ccmessaging.server.model.DeliveryOutcome;
import io.github.ccmessaging.server.model.TranscriptEntry;
import io.github.ccmessaging.server.store.Delivery;
import io.github.ccmessaging.server.store.Sender;
import io.github.ccmessaging.server.store.StoredActivity;
import io.github.ccmessaging.server.store.StoredJson;
import java.util.Locale;
import java.util.Map;

/** Stored activities as the transcript and the event stream show them. */
final class TranscriptEntries {
    private final ObjectMapper json;

    TranscriptEntries(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The entry of an activity: a customer's as stored, the other side's as delivered to the webhook, with its read
     * state (the representative's messages) and delivery (null: none was scheduled).
     */
    TranscriptEntry of(StoredActivity stored, long readUpTo, Delivery delivery) {
        JsonNode activity = StoredJson.read(json, stored.json());
        TranscriptEntry entry = new TranscriptEntry()
                .messageId(Long.toString(stored.messageId()))
                .sender(TranscriptEntry.SenderEnum.fromValue(stored.sender().name().toLowerCase(Locale.ROOT)))
                .type(stored.type())
                .timestamp(Timestamps.format(stored.receivedAt()));
        if (stored.sender() == Sender.CUSTOMER) {
            entry.activity(json.convertValue(activity, Map.class));
            return entry;
        }
        entry.activity(json.convertValue(
                DeliveredActivity.of((ObjectNode) activity, stored.messageId(), stored.receivedAt()), Map.class));
        if (stored.sender() == Sender.REPRESENTATIVE && "message".equals(stored.type())) {
            entry.read(stored.messageId() <= readUpTo);
        }
        if (delivery != null) {
            entry.delivery(outcome(delivery));
        }
        return entry;
    }

    static DeliveryOutcome outcome(Delivery delivery) {
        return new DeliveryOutcome()
                .status(DeliveryOutcome.StatusEnum.fromValue(delivery.status().name().toLowerCase(Locale.ROOT)))
                .attempts(delivery.attempts()).lastError(delivery.lastError());
    }
}
