package io.github.ccmessaging.server.emulator;

import io.github.ccmessaging.server.channel.Channel;
import io.github.ccmessaging.server.store.ConversationStore;
import io.github.ccmessaging.server.store.Delivery;
import io.github.ccmessaging.server.webhook.DeliveryListener;
import io.github.ccmessaging.server.webhook.WebhookDelivery;
import io.github.ccmessaging.server.webhook.WebhookDispatcher;
import io.github.ccmessaging.server.webhook.WebhookPolicy;
import io.micrometer.core.instrument.MeterRegistry;

/** Sends through the {@link WebhookDispatcher} and keeps every delivery outcome in the store, for transcripts. */
public final class DispatchingWebhookSender implements WebhookSender, AutoCloseable {
    private final ConversationStore store;
    private final WebhookDispatcher dispatcher;

    public DispatchingWebhookSender(ConversationStore store, WebhookPolicy policy, MeterRegistry meters) {
        this.store = store;
        DeliveryListener record = (conversationId, messageId, outcome) -> store.recordDelivery(conversationId,
                messageId, new Delivery(Delivery.Status.valueOf(outcome.status().name()), outcome.attempts(),
                        outcome.lastError()));
        this.dispatcher = new WebhookDispatcher(policy, record, meters);
    }

    @Override
    public void send(Channel channel, String conversationId, long messageId, String activityJson) {
        if (channel.webhookUrl() == null) {
            store.recordDelivery(conversationId, messageId, new Delivery(Delivery.Status.FAILED, 0,
                    "no webhook URL is registered for channel " + channel.channelId()));
            return;
        }
        dispatcher.schedule(new WebhookDelivery(conversationId, messageId, activityJson, channel.webhookUrl(),
                channel.effectiveWebhookToken()));
    }

    @Override
    public void close() {
        dispatcher.close();
    }
}
