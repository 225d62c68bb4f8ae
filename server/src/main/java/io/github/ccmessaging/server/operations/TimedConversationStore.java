package io.github.ccmessaging.server.operations;

import io.github.ccmessaging.server.store.Appended;
import io.github.ccmessaging.server.store.CommitWait;
import io.github.ccmessaging.server.store.Conversation;
import io.github.ccmessaging.server.store.ConversationStore;
import io.github.ccmessaging.server.store.CreateOutcome;
import io.github.ccmessaging.server.store.NewActivity;
import io.github.ccmessaging.server.store.NewConversation;
import io.github.ccmessaging.server.store.StoredActivity;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.github.ccmessaging.server.store.Delivery;
import io.github.ccmessaging.server.channel.ChannelStore;
import io.github.ccmessaging.server.store.OutboxItem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** Measures every store operation as {@code store_operation_seconds{operation=...}}. */
public final class TimedConversationStore implements ConversationStore {
    private final ConversationStore store;
    private final Timer create;
    private final Timer append;
    private final Timer find;
    private final Timer activities;
    private final Timer list;
    private final Timer update;
    private final Timer outbox;
    private final Clock clock;

    public TimedConversationStore(ConversationStore store, MeterRegistry meters) {
        this.store = store;
        this.clock = meters.config().clock();
        this.create = timer(meters, "create");
        this.append = timer(meters, "append");
        this.find = timer(meters, "find");
        this.activities = timer(meters, "activities");
        this.list = timer(meters, "list");
        this.update = timer(meters, "update");
        this.outbox = timer(meters, "outbox");
    }

    private static Timer timer(MeterRegistry meters, String operation) {
        return Timer.builder("store.operation").tag("operation", operation)
                .description("Latency of the conversation store").publishPercentileHistogram().register(meters);
    }

    @Override
    public CreateOutcome create(NewConversation request) {
        return create.record(() -> store.create(request));
    }

    @Override
    public CompletionStage<CreateOutcome> createAsync(NewConversation request) {
        return timed(create, () -> store.createAsync(request));
    }

    @Override
    public CommitWait commitWait() {
        return store.commitWait();
    }

    @Override
    public Optional<Appended> append(String channelId, String conversationId, NewActivity activity) {
        return append.record(() -> store.append(channelId, conversationId, activity));
    }

    @Override
    public CompletionStage<Optional<Appended>> appendAsync(String channelId, String conversationId,
                                                           NewActivity activity) {
        return timed(append, () -> store.appendAsync(channelId, conversationId, activity));
    }

    /** Starts the clock before the call, since a store without threads of its own does the whole work in it. */
    private <T> CompletionStage<T> timed(Timer timer, Supplier<CompletionStage<T>> call) {
        Timer.Sample sample = Timer.start(clock);
        return call.get().whenComplete((done, failure) -> sample.stop(timer));
    }

    @Override
    public Optional<Conversation> find(String channelId, String conversationId) {
        return find.record(() -> store.find(channelId, conversationId));
    }

    @Override
    public List<StoredActivity> activities(String channelId, String conversationId) {
        return activities.record(() -> store.activities(channelId, conversationId));
    }

    @Override
    public List<StoredActivity> messages(String channelId, String conversationId, long afterMessageId, int limit) {
        return activities.record(() -> store.messages(channelId, conversationId, afterMessageId, limit));
    }

    @Override
    public Optional<StoredActivity> activity(String channelId, String conversationId, long messageId) {
        return find.record(() -> store.activity(channelId, conversationId, messageId));
    }

    @Override
    public Optional<List<Conversation>> openConversations(String channelId, Instant createdAfter,
                                                          String afterConversationId, int limit) {
        return list.record(() -> store.openConversations(channelId, createdAfter, afterConversationId, limit));
    }

    @Override
    public boolean close(String channelId, String conversationId) {
        return update.record(() -> store.close(channelId, conversationId));
    }

    @Override
    public Optional<Conversation> updateContext(String channelId, String conversationId, UnaryOperator<String> change) {
        return update.record(() -> store.updateContext(channelId, conversationId, change));
    }

    @Override
    public void markRead(String channelId, String conversationId, long messageId) {
        update.record(() -> store.markRead(channelId, conversationId, messageId));
    }

    @Override
    public CompletionStage<Void> markReadAsync(String channelId, String conversationId, long messageId) {
        return timed(update, () -> store.markReadAsync(channelId, conversationId, messageId));
    }

    @Override
    public List<OutboxItem> claimDue(String owner, Instant now, Duration lease, int limit) {
        return outbox.record(() -> store.claimDue(owner, now, lease, limit));
    }

    @Override
    public boolean finish(OutboxItem item, String owner, Delivery outcome, Instant nextAttemptAt) {
        return outbox.record(() -> store.finish(item, owner, outcome, nextAttemptAt));
    }

    @Override
    public void releaseLeases(String owner) {
        store.releaseLeases(owner);
    }

    @Override
    public ChannelStore registeredChannels() {
        return store.registeredChannels();
    }

    @Override
    public Map<Long, Delivery> deliveries(String channelId, String conversationId) {
        return activities.record(() -> store.deliveries(channelId, conversationId));
    }

    @Override
    public void clear() {
        store.clear();
    }

    @Override
    public void clear(String channelId) {
        store.clear(channelId);
    }

    @Override
    public void checkHealth() {
        store.checkHealth();
    }

    @Override
    public void close() {
        store.close();
    }
}
