package io.github.ccmessaging.server.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ccmessaging.server.model.DeliveryOutcome.StatusEnum;
import io.github.ccmessaging.server.model.StreamDelivery;
import io.github.ccmessaging.server.store.OutboxItem;
import io.github.ccmessaging.server.stream.EventStreams;
import io.github.ccmessaging.server.webhook.DeliveryListener;
import io.github.ccmessaging.server.webhook.DeliveryOutcome;
import java.util.Locale;

/** Tells the channel's event streams of each change of a webhook delivery, when some stream is open. */
public final class DeliveryEvents implements DeliveryListener {
    private final EventStreams streams;
    private final ObjectMapper json;

    public DeliveryEvents(EventStreams streams, ObjectMapper json) {
        this.streams = streams;
        this.json = json;
    }

    @Override
    public void onOutcome(String conversationId, long messageId, DeliveryOutcome outcome) {
        // the channel comes with the delivery, below
    }

    @Override
    public void onOutcome(OutboxItem item, DeliveryOutcome outcome) {
        if (!streams.anyWatched()) {
            return;
        }
        // the delivered activity names its channel, as the webhook receives it
        String channelId = channelOf(item.activityJson());
        if (channelId == null || !streams.watched(channelId)) {
            return;
        }
        io.github.ccmessaging.server.model.DeliveryOutcome delivery = new io.github.ccmessaging.server.model.DeliveryOutcome()
                .status(StatusEnum.fromValue(outcome.status().name().toLowerCase(Locale.ROOT)))
                .attempts(outcome.attempts()).lastError(outcome.lastError());
        streams.publish(channelId, "delivery", () -> new StreamDelivery().conversationId(item.conversationId())
                .messageId(Long.toString(item.messageId())).delivery(delivery));
    }

    private String channelOf(String activityJson) {
        try {
            String channelId = json.readTree(activityJson).path("channelId").asText(null);
            return channelId == null ? null : channelId.toLowerCase(Locale.ROOT);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
