package io.github.ccmessaging.server.store;

import io.github.ccmessaging.server.channel.Channel;
import io.github.ccmessaging.server.channel.ChannelStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A store that is still being opened on a thread of its own — a database store migrates its schema first — so that the
 * HTTP server can start meanwhile on the other core. Every call waits until the store is open.
 */
public final class OpeningStore implements ConversationStore {
    private final CompletableFuture<ConversationStore> opening = new CompletableFuture<>();
    private final ChannelStore channels = new ChannelStore() {
        @Override
        public void save(Channel channel) {
            opened().registeredChannels().save(channel);
        }

        @Override
        public Optional<Channel> find(String channelId) {
            return opened().registeredChannels().find(channelId);
        }

        @Override
        public void clear() {
            opened().registeredChannels().clear();
        }
    };

    private OpeningStore() {
    }

    /** Starts opening the store that {@code open} returns, on a new thread. */
    public static OpeningStore start(Supplier<ConversationStore> open) {
        OpeningStore store = new OpeningStore();
        Thread thread = new Thread(() -> {
            try {
                store.opening.complete(open.get());
            } catch (RuntimeException | Error e) {
                store.opening.completeExceptionally(e);
            }
        }, "store-opening");
        thread.setDaemon(true);
        thread.start();
        return store;
    }

    /**
     * Waits until the store is open.
     *
     * @return the store
     * @throws RuntimeException what opening it threw
     */
    public ConversationStore opened() {
        try {
            return opening.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    @Override
    public CreateOutcome create(NewConversation request) {
        return opened().create(request);
    }

    @Override
    public CompletionStage<CreateOutcome> createAsync(NewConversation request) {
        return opened().createAsync(request);
    }

    @Override
    public CommitWait commitWait() {
        return opened().commitWait();
    }

    @Override
    public Optional<Appended> append(String channelId, String conversationId, NewActivity activity) {
        return opened().append(channelId, conversationId, activity);
    }

    @Override
    public CompletionStage<Optional<Appended>> appendAsync(String channelId, String conversationId,
                                                           NewActivity activity) {
        return opened().appendAsync(channelId, conversationId, activity);
    }

    @Override
    public Optional<Conversation> find(String channelId, String conversationId) {
        return opened().find(channelId, conversationId);
    }

    @Override
    public List<StoredActivity> activities(String channelId, String conversationId) {
        return opened().activities(channelId, conversationId);
    }

    @Override
    public List<StoredActivity> messages(String channelId, String conversationId, long afterMessageId, int limit) {
        return opened().messages(channelId, conversationId, afterMessageId, limit);
    }

    @Override
    public Optional<StoredActivity> activity(String channelId, String conversationId, long messageId) {
        return opened().activity(channelId, conversationId, messageId);
    }

    @Override
    public Optional<List<Conversation>> openConversations(String channelId, Instant createdAfter,
                                                          String afterConversationId, int limit) {
        return opened().openConversations(channelId, createdAfter, afterConversationId, limit);
    }

    @Override
    public boolean close(String channelId, String conversationId) {
        return opened().close(channelId, conversationId);
    }

    @Override
    public Optional<Conversation> updateContext(String channelId, String conversationId, UnaryOperator<String> change) {
        return opened().updateContext(channelId, conversationId, change);
    }

    @Override
    public void markRead(String channelId, String conversationId, long messageId) {
        opened().markRead(channelId, conversationId, messageId);
    }

    @Override
    public CompletionStage<Void> markReadAsync(String channelId, String conversationId, long messageId) {
        return opened().markReadAsync(channelId, conversationId, messageId);
    }

    @Override
    public Map<Long, Delivery> deliveries(String channelId, String conversationId) {
        return opened().deliveries(channelId, conversationId);
    }

    @Override
    public void clear() {
        opened().clear();
    }

    @Override
    public void clear(String channelId) {
        opened().clear(channelId);
    }

    @Override
    public ChannelStore registeredChannels() {
        return channels;
    }

    @Override
    public void checkHealth() {
        opened().checkHealth();
    }

    /** Nothing is due until the store is open (a store that failed to open has nothing to deliver). */
    @Override
    public List<OutboxItem> claimDue(String owner, Instant now, Duration lease, int limit) {
        if (!isOpen()) {
            return List.of();
        }
        return opened().claimDue(owner, now, lease, limit);
    }

    private boolean isOpen() {
        return opening.isDone() && !opening.isCompletedExceptionally();
    }

    @Override
    public boolean finish(OutboxItem item, String owner, Delivery outcome, Instant nextAttemptAt) {
        return opened().finish(item, owner, outcome, nextAttemptAt);
    }

    @Override
    public void releaseLeases(String owner) {
        if (isOpen()) {
            opened().releaseLeases(owner);
        }
    }

    /** Closes the store once it is open; a store that failed to open has nothing to close. */
    @Override
    public void close() {
        opening.thenAccept(ConversationStore::close).exceptionally(failure -> null).join();
    }
}
