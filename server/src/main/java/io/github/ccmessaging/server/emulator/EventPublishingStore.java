package io.github.ccmessaging.server.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ccmessaging.server.channel.ChannelStore;
import io.github.ccmessaging.server.conversation.ContextVariables;
import io.github.ccmessaging.server.conversation.Timestamps;
import io.github.ccmessaging.server.model.StreamActivity;
import io.github.ccmessaging.server.model.StreamClosed;
import io.github.ccmessaging.server.model.StreamContext;
import io.github.ccmessaging.server.model.StreamConversation;
import io.github.ccmessaging.server.model.StreamRead;
import io.github.ccmessaging.server.store.Appended;
import io.github.ccmessaging.server.store.CommitWait;
import io.github.ccmessaging.server.store.Conversation;
import io.github.ccmessaging.server.store.ConversationStore;
import io.github.ccmessaging.server.store.CreateOutcome;
import io.github.ccmessaging.server.store.Delivery;
import io.github.ccmessaging.server.store.NewActivity;
import io.github.ccmessaging.server.store.NewConversation;
import io.github.ccmessaging.server.store.Outbound;
import io.github.ccmessaging.server.store.OutboxItem;
import io.github.ccmessaging.server.store.Sender;
import io.github.ccmessaging.server.store.StoredActivity;
import io.github.ccmessaging.server.stream.EventStreams;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/**
 * The store, telling the channel's {@link EventStreams} of every change it made: a conversation created or closed, an
 * activity stored, a read, a context change, everything forgotten. A channel that no stream watches costs one map
 * look-up per change; the events' payloads are built later, on a stream's thread, from what this call saw.
 */
public final class EventPublishingStore implements ConversationStore {
    private final ConversationStore store;
    private final EventStreams streams;
    private final TranscriptEntries entries;
    private final ObjectMapper json;

    public EventPublishingStore(ConversationStore store, EventStreams streams, ObjectMapper json) {
        this.store = store;
        this.streams = streams;
        this.json = json;
        this.entries = new TranscriptEntries(json);
    }

    @Override
    public CreateOutcome create(NewConversation request) {
        return created(request, store.create(request));
    }

    @Override
    public CompletionStage<CreateOutcome> createAsync(NewConversation request) {
        return store.createAsync(request).thenApply(outcome -> created(request, outcome));
    }

    private CreateOutcome created(NewConversation request, CreateOutcome outcome) {
        String channelId = request.channelId();
        if (outcome.isNew() && streams.watched(channelId)) {
            String conversationId = outcome.conversationId();
            streams.publish(channelId, "conversation", () -> new StreamConversation().conversationId(conversationId)
                    .customerId(request.customerId()).timestamp(Timestamps.format(request.createdAt())));
            NewActivity start = request.startMessage();
            if (start != null && outcome.startMessageId().isPresent()) {
                stored(channelId, conversationId, start, outcome.startMessageId().getAsLong());
            }
        }
        return outcome;
    }

    @Override
    public Optional<Appended> append(String channelId, String conversationId, NewActivity activity) {
        return appended(channelId, conversationId, activity, store.append(channelId, conversationId, activity));
    }

    @Override
    public CompletionStage<Optional<Appended>> appendAsync(String channelId, String conversationId,
                                                           NewActivity activity) {
        return store.appendAsync(channelId, conversationId, activity)
                .thenApply(appended -> appended(channelId, conversationId, activity, appended));
    }

    private Optional<Appended> appended(String channelId, String conversationId, NewActivity activity,
                                        Optional<Appended> appended) {
        if (appended.isPresent() && !appended.get().duplicate() && streams.watched(channelId)) {
            stored(channelId, conversationId, activity, appended.get().messageId());
            if (activity.endsConversation()) {
                closed(channelId, conversationId);
            }
        }
        return appended;
    }

    private void stored(String channelId, String conversationId, NewActivity activity, long messageId) {
        StoredActivity stored = new StoredActivity(messageId, activity.clientId(), activity.type(), activity.json(),
                activity.receivedAt(), activity.sender());
        Delivery delivery = firstDelivery(channelId, activity.outbound());
        streams.publish(channelId, "typing".equals(activity.type()) ? "typing" : "activity",
                () -> new StreamActivity().conversationId(conversationId).entry(entries.of(stored, 0, delivery)));
    }

    /** As the store schedules it: pending, or failed at once when the channel has no webhook. */
    private static Delivery firstDelivery(String channelId, Outbound outbound) {
        if (outbound == null) {
            return null;
        }
        return outbound.webhookUrl() == null
                ? new Delivery(Delivery.Status.FAILED, 0, Outbound.noWebhookError(channelId))
                : new Delivery(Delivery.Status.PENDING, 0, null);
    }

    private void closed(String channelId, String conversationId) {
        streams.publish(channelId, "closed", () -> new StreamClosed().conversationId(conversationId));
    }

    @Override
    public boolean close(String channelId, String conversationId) {
        boolean closed = store.close(channelId, conversationId);
        if (closed && streams.watched(channelId)) {
            closed(channelId, conversationId);
        }
        return closed;
    }

    @Override
    public Optional<Conversation> updateContext(String channelId, String conversationId, UnaryOperator<String> change) {
        Optional<Conversation> changed = store.updateContext(channelId, conversationId, change);
        if (changed.isPresent() && streams.watched(channelId)) {
            String context = changed.get().contextJson();
            streams.publish(channelId, "context", () -> new StreamContext().conversationId(conversationId)
                    .context(ContextVariables.list(json, context).getContext()));
        }
        return changed;
    }

    @Override
    public void markRead(String channelId, String conversationId, long messageId) {
        store.markRead(channelId, conversationId, messageId);
        read(channelId, conversationId, messageId);
    }

    @Override
    public CompletionStage<Void> markReadAsync(String channelId, String conversationId, long messageId) {
        return store.markReadAsync(channelId, conversationId, messageId)
                .thenRun(() -> read(channelId, conversationId, messageId));
    }

    private void read(String channelId, String conversationId, long messageId) {
        if (streams.watched(channelId)) {
            streams.publish(channelId, "read", () -> new StreamRead().conversationId(conversationId)
                    .readUpTo(Long.toString(messageId)));
        }
    }

    @Override
    public void clear() {
        store.clear();
        streams.stateCleared();
    }

    @Override
    public void clear(String channelId) {
        store.clear(channelId);
        streams.stateCleared(channelId);
    }

    @Override
    public CommitWait commitWait() {
        return store.commitWait();
    }

    @Override
    public Optional<Conversation> find(String channelId, String conversationId) {
        return store.find(channelId, conversationId);
    }

    @Override
    public Optional<StoredActivity> activity(String channelId, String conversationId, long messageId) {
        return store.activity(channelId, conversationId, messageId);
    }

    @Override
    public List<StoredActivity> activities(String channelId, String conversationId) {
        return store.activities(channelId, conversationId);
    }

    @Override
    public List<StoredActivity> messages(String channelId, String conversationId, long afterMessageId, int limit) {
        return store.messages(channelId, conversationId, afterMessageId, limit);
    }

    @Override
    public Optional<List<Conversation>> openConversations(String channelId, Instant createdAfter,
                                                          String afterConversationId, int limit) {
        return store.openConversations(channelId, createdAfter, afterConversationId, limit);
    }

    @Override
    public Map<Long, Delivery> deliveries(String channelId, String conversationId) {
        return store.deliveries(channelId, conversationId);
    }

    @Override
    public ChannelStore registeredChannels() {
        return store.registeredChannels();
    }

    @Override
    public List<OutboxItem> claimDue(String owner, Instant now, Duration lease, int limit) {
        return store.claimDue(owner, now, lease, limit);
    }

    @Override
    public boolean finish(OutboxItem item, String owner, Delivery outcome, Instant nextAttemptAt) {
        return store.finish(item, owner, outcome, nextAttemptAt);
    }

    @Override
    public void releaseLeases(String owner) {
        store.releaseLeases(owner);
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
