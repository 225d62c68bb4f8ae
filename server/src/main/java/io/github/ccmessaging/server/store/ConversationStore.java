package io.github.ccmessaging.server.store;

import java.time.Instant;
import java.util.List;
import io.github.ccmessaging.server.channel.ChannelStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/**
 * Where conversations and their activities live. Every method is atomic: implementations are safe for concurrent
 * callers, and a conversation belongs to exactly one channel — asking for it with another channel finds nothing.
 */
public interface ConversationStore extends Outbox, AutoCloseable {

    /** Starts a conversation, or returns the customer's active one, or replays the outcome of a repeated request id. */
    CreateOutcome create(NewConversation request);

    /** {@link #create} that completes once the conversation is stored; see {@link #appendAsync}. */
    default CompletionStage<CreateOutcome> createAsync(NewConversation request) {
        return CompletableFuture.supplyAsync(() -> create(request), Runnable::run);
    }

    /**
     * Stores an activity in an open conversation and assigns its {@code messageId} in the same step, with its webhook
     * delivery when it has an {@link NewActivity#outbound()}. An activity whose
     * client id was already stored in the conversation is not stored again; its first {@code messageId} is returned,
     * even after the conversation closed.
     *
     * @return empty when the conversation does not exist in this channel or is closed
     */
    Optional<Appended> append(String channelId, String conversationId, NewActivity activity);

    /**
     * {@link #append} that completes once the activity is stored; a store that commits on threads of its own
     * completes it on one of them, so the caller's thread is free meanwhile. By default it runs on the calling thread.
     */
    default CompletionStage<Optional<Appended>> appendAsync(String channelId, String conversationId,
                                                            NewActivity activity) {
        return CompletableFuture.supplyAsync(() -> append(channelId, conversationId, activity), Runnable::run);
    }

    Optional<Conversation> find(String channelId, String conversationId);

    /** The conversation's activities in {@code messageId} order; empty when it does not exist in this channel. */
    List<StoredActivity> activities(String channelId, String conversationId);

    /**
     * A page of the conversation's messages: its activities of type {@code message} from the customer or a
     * representative (not the system's), with a {@code messageId} above {@code afterMessageId}, in {@code messageId}
     * order, at most {@code limit}; empty when the conversation does not exist in this channel. Reads only the page,
     * however long the conversation.
     */
    List<StoredActivity> messages(String channelId, String conversationId, long afterMessageId, int limit);

    /**
     * One activity of the conversation, looked up by its {@code messageId} without reading the others.
     *
     * @return empty when the conversation does not exist in this channel or has no activity with that id
     */
    Optional<StoredActivity> activity(String channelId, String conversationId, long messageId);

    /**
     * A page of the channel's open conversations in creation order.
     *
     * @param createdAfter only conversations created after this instant (null: all)
     * @param afterConversationId continue after this conversation of the channel (null: from the start)
     * @param limit at most this many
     * @return empty when {@code afterConversationId} is not a conversation of this channel
     */
    Optional<List<Conversation>> openConversations(String channelId, Instant createdAfter, String afterConversationId,
                                                   int limit);

    /** Closes an open conversation; false when it does not exist in this channel or is already closed. */
    boolean close(String channelId, String conversationId);

    /**
     * Replaces the conversation's context JSON with {@code change} applied to it, atomically.
     *
     * @return the conversation afterwards; empty when it does not exist in this channel
     */
    Optional<Conversation> updateContext(String channelId, String conversationId, UnaryOperator<String> change);

    /** Records that the customer read the representative's messages up to {@code messageId}. */
    void markRead(String channelId, String conversationId, long messageId);

    /** {@link #markRead} that completes once it is stored; see {@link #appendAsync}. */
    default CompletionStage<Void> markReadAsync(String channelId, String conversationId, long messageId) {
        return CompletableFuture.runAsync(() -> markRead(channelId, conversationId, messageId), Runnable::run);
    }

    /** Whether the asynchronous writes above leave the calling thread free while they commit. */
    default CommitWait commitWait() {
        return CommitWait.BLOCKING;
    }

    /** The delivery of each of the conversation's activities that was sent to the webhook, by {@code messageId}. */
    Map<Long, Delivery> deliveries(String channelId, String conversationId);

    /** Forgets every conversation and delivery of every channel (for test suites); registered channels stay. */
    void clear();

    /**
     * Forgets the conversations of one channel: their activities, pending deliveries and the channel's idempotency
     * records (activity client ids, create request ids). Other channels' conversations and the registered channels
     * stay.
     */
    void clear(String channelId);

    /** The channels registered at run time, kept with the conversations. */
    ChannelStore registeredChannels();

    /**
     * Throws when the store cannot serve requests — a {@link StoreFailure} saying whether it passes by itself — memory
     * always can; a database store reads and writes its database, and remembers whether requests' writes fail.
     */
    default void checkHealth() {
    }

    /** Releases the store's resources; memory has none. */
    @Override
    default void close() {
    }
}
