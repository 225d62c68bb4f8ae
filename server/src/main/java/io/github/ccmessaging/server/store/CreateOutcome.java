package io.github.ccmessaging.server.store;

import java.util.OptionalLong;

/**
 * The answer to a create request.
 *
 * @param conversationId the conversation to use
 * @param isNew false when the customer's active conversation was returned
 * @param startMessageId the {@code messageId} of the stored start message, when one was stored
 */
public record CreateOutcome(String conversationId, boolean isNew, OptionalLong startMessageId) {
}
