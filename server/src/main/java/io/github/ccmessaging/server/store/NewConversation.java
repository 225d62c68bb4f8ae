package io.github.ccmessaging.server.store;

import java.time.Instant;

/**
 * A request to start a conversation.
 *
 * @param channelId the calling channel
 * @param customerId the customer's id; an active conversation of the same customer in the channel is reused (null: never)
 * @param requestId the caller's idempotency key; a repeated key returns the first outcome (null: none)
 * @param contextJson the conversation context variables as a JSON object
 * @param startMessage stored as the first message of a new conversation (null: none)
 * @param createdAt when the request arrived
 * @param chosenId the id the new conversation gets (null: a random one). Only the emulator's Pact provider states
 *                 choose one: a conversation of the same channel with that id is forgotten and made anew (never
 *                 continued, whatever {@code customerId} says), and an id that another channel uses is refused with
 *                 {@link ConversationIdTaken}
 */
public record NewConversation(String channelId, String customerId, String requestId, String contextJson,
                              NewActivity startMessage, Instant createdAt, String chosenId) {

    /** A conversation with a random id, as the consumer API starts them. */
    public NewConversation(String channelId, String customerId, String requestId, String contextJson,
                           NewActivity startMessage, Instant createdAt) {
        this(channelId, customerId, requestId, contextJson, startMessage, createdAt, null);
    }
}
