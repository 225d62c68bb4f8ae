package io.github.ccmessaging.server.webhook;

import io.github.ccmessaging.server.store.OutboxItem;

/** Renders the JSON body the webhook receives for a stored activity. */
@FunctionalInterface
public interface WebhookBody {
    String render(OutboxItem item);
}
