package io.github.ccmessaging.server.store;

import java.util.List;
import java.util.Optional;

/**
 * Where conversations and their activities live. Every method is atomic: implementations are safe for concurrent
 * callers, and a conversation belongs to exactly one channel — asking for it with another channel finds nothing.
 */
public interface ConversationStore {

    /** Starts a conversation, or returns the customer's active one, or replays the outcome of a repeated request id. */
    CreateOutcome create(NewConversation request);

    /**
     * Stores an activity in an open conversation and assigns its {@code messageId} in the same step. An activity whose
     * client id was already stored in the conversation is not stored again; its first {@code messageId} is returned,
     * even after the conversation closed.
     *
     * @return empty when the conversation does not exist in this channel or is closed
     */
    Optional<Appended> append(String channelId, String conversationId, NewActivity activity);

    Optional<Conversation> find(String channelId, String conversationId);

    /** The conversation's activities in {@code messageId} order; empty when it does not exist in this channel. */
    List<StoredActivity> activities(String channelId, String conversationId);

    /** Throws when the store cannot serve requests; memory always can, a database store asks its database. */
    default void checkHealth() {
    }
}
