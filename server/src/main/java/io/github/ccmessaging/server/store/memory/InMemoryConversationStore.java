package io.github.ccmessaging.server.store.memory;

import io.github.ccmessaging.server.store.Sender;
import io.github.ccmessaging.server.store.CommitWait;
import io.github.ccmessaging.server.store.Conversation;
import io.github.ccmessaging.server.store.ConversationIdTaken;
import io.github.ccmessaging.server.store.OutboxItem;
import io.github.ccmessaging.server.store.Appended;
import io.github.ccmessaging.server.store.CreateOutcome;
import io.github.ccmessaging.server.store.MessageIdClock;
import io.github.ccmessaging.server.store.ConversationStore;
import io.github.ccmessaging.server.store.StoredActivity;
import io.github.ccmessaging.server.store.Outbound;
import io.github.ccmessaging.server.store.NewActivity;
import io.github.ccmessaging.server.store.Delivery;
import io.github.ccmessaging.server.store.NewConversation;
import io.github.ccmessaging.server.channel.ChannelStore;
import io.github.ccmessaging.server.channel.InMemoryChannelStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.function.UnaryOperator;

/** Keeps everything in memory: fast and forgotten at exit. For test suites and throw-away sessions. */
public final class InMemoryConversationStore implements ConversationStore {
    private final MessageIdClock messageIds;
    private final Map<String, ConversationState> conversations = new ConcurrentHashMap<>();
    private final Map<String, String> activeByCustomer = new HashMap<>();
    private final Map<String, CreateOutcome> createsByRequestId = new HashMap<>();
    /** Conversation ids of each channel in creation order; guarded by {@code createLock}. */
    private final Map<String, List<String>> createdByChannel = new HashMap<>();
    private final Object createLock = new Object();
    /** Conversations that have a pending delivery, so that claiming does not visit every conversation. */
    private final Set<String> withPendingDeliveries = ConcurrentHashMap.newKeySet();
    private final ChannelStore channels = new InMemoryChannelStore();

    public InMemoryConversationStore(MessageIdClock messageIds) {
        this.messageIds = messageIds;
    }

    @Override
    public CreateOutcome create(NewConversation request) {
        synchronized (createLock) {
            if (request.chosenId() != null) {
                return startedAnew(request);
            }
            String requestKey = request.requestId() == null ? null : key(request.channelId(), request.requestId());
            if (requestKey != null && createsByRequestId.containsKey(requestKey)) {
                return createsByRequestId.get(requestKey);
            }
            String customerKey = request.customerId() == null ? null : key(request.channelId(), request.customerId());
            CreateOutcome outcome = customerKey == null ? null : continued(customerKey);
            if (outcome == null) {
                outcome = started(request);
                if (customerKey != null) {
                    activeByCustomer.put(customerKey, outcome.conversationId());
                }
            }
            if (requestKey != null) {
                createsByRequestId.put(requestKey, outcome);
            }
            return outcome;
        }
    }

    private CreateOutcome continued(String customerKey) {
        String id = activeByCustomer.get(customerKey);
        ConversationState state = id == null ? null : conversations.get(id);
        if (state == null || !state.snapshot().open()) {
            return null;
        }
        return new CreateOutcome(id, false, OptionalLong.empty());
    }

    /** Forgets the channel's conversation with the chosen id, if any, and starts it again. */
    private CreateOutcome startedAnew(NewConversation request) {
        String id = request.chosenId();
        ConversationState existing = conversations.get(id);
        if (existing != null) {
            if (!existing.snapshot().channelId().equals(request.channelId())) {
                throw new ConversationIdTaken(id);
            }
            conversations.remove(id);
            withPendingDeliveries.remove(id);
            createdByChannel.getOrDefault(request.channelId(), new ArrayList<>()).remove(id);
            createsByRequestId.values().removeIf(outcome -> outcome.conversationId().equals(id));
        }
        CreateOutcome outcome = started(request, id);
        if (request.customerId() != null) {
            activeByCustomer.put(key(request.channelId(), request.customerId()), id);
        }
        return outcome;
    }

    private CreateOutcome started(NewConversation request) {
        return started(request, UUID.randomUUID().toString());
    }

    private CreateOutcome started(NewConversation request, String id) {
        ConversationState state = new ConversationState(new Conversation(id, request.channelId(), request.customerId(),
                request.contextJson(), request.createdAt(), true, 0));
        conversations.put(id, state);
        createdByChannel.computeIfAbsent(request.channelId(), c -> new ArrayList<>()).add(id);
        if (request.startMessage() == null) {
            return new CreateOutcome(id, true, OptionalLong.empty());
        }
        return new CreateOutcome(id, true, OptionalLong.of(append(state, request.startMessage()).messageId()));
    }

    @Override
    public Optional<Appended> append(String channelId, String conversationId, NewActivity activity) {
        return state(channelId, conversationId).flatMap(state -> {
            Optional<Appended> appended = state.appendIfOpen(activity, messageIds);
            appended.filter(a -> !a.duplicate()).ifPresent(a -> noteOutbound(conversationId, activity));
            return appended;
        });
    }

    private Appended append(ConversationState state, NewActivity activity) {
        Appended appended = state.append(activity, messageIds);
        noteOutbound(state.snapshot().id(), activity);
        return appended;
    }

    private void noteOutbound(String conversationId, NewActivity activity) {
        if (activity.outbound() != null && activity.outbound().webhookUrl() != null) {
            withPendingDeliveries.add(conversationId);
        }
    }

    @Override
    public Optional<Conversation> find(String channelId, String conversationId) {
        return state(channelId, conversationId).map(ConversationState::snapshot);
    }

    @Override
    public List<StoredActivity> activities(String channelId, String conversationId) {
        return state(channelId, conversationId).map(ConversationState::activities).orElse(List.of());
    }

    @Override
    public List<StoredActivity> messages(String channelId, String conversationId, long afterMessageId, int limit) {
        return state(channelId, conversationId).map(state -> state.messages(afterMessageId, limit)).orElse(List.of());
    }

    @Override
    public Optional<StoredActivity> activity(String channelId, String conversationId, long messageId) {
        return state(channelId, conversationId).flatMap(state -> state.activity(messageId));
    }

    @Override
    public Optional<List<Conversation>> openConversations(String channelId, Instant createdAfter,
                                                          String afterConversationId, int limit) {
        List<String> ids;
        synchronized (createLock) {
            ids = List.copyOf(createdByChannel.getOrDefault(channelId, List.of()));
        }
        int start = 0;
        if (afterConversationId != null) {
            start = ids.indexOf(afterConversationId) + 1;
            if (start == 0) {
                return Optional.empty();
            }
        }
        List<Conversation> page = new ArrayList<>();
        for (int i = start; i < ids.size() && page.size() < limit; i++) {
            Conversation c = conversations.get(ids.get(i)).snapshot();
            if (c.open() && (createdAfter == null || c.createdAt().isAfter(createdAfter))) {
                page.add(c);
            }
        }
        return Optional.of(page);
    }

    @Override
    public boolean close(String channelId, String conversationId) {
        return state(channelId, conversationId).map(ConversationState::close).orElse(false);
    }

    @Override
    public Optional<Conversation> updateContext(String channelId, String conversationId, UnaryOperator<String> change) {
        return state(channelId, conversationId).map(state -> state.updateContext(change));
    }

    @Override
    public void markRead(String channelId, String conversationId, long messageId) {
        state(channelId, conversationId).ifPresent(state -> state.markRead(messageId));
    }

    @Override
    public List<OutboxItem> claimDue(String owner, Instant now, Duration lease, int limit) {
        List<OutboxItem> claimed = new ArrayList<>();
        for (String conversationId : withPendingDeliveries) {
            if (claimed.size() >= limit) {
                break;
            }
            ConversationState state = conversations.get(conversationId);
            if (state == null) {
                withPendingDeliveries.remove(conversationId);
                continue;
            }
            state.claimHead(owner, now, lease).ifPresent(claimed::add);
        }
        return claimed;
    }

    @Override
    public boolean finish(OutboxItem item, String owner, Delivery outcome, Instant nextAttemptAt) {
        ConversationState state = conversations.get(item.conversationId());
        if (state == null || !state.finish(item.messageId(), owner, outcome, nextAttemptAt)) {
            return false;
        }
        if (!state.hasPendingDelivery()) {
            withPendingDeliveries.remove(item.conversationId());
            // An append may have raced the removal: look once more.
            if (state.hasPendingDelivery()) {
                withPendingDeliveries.add(item.conversationId());
            }
        }
        return true;
    }

    @Override
    public void releaseLeases(String owner) {
        for (String conversationId : withPendingDeliveries) {
            ConversationState state = conversations.get(conversationId);
            if (state != null) {
                state.releaseLeases(owner);
            }
        }
    }

    @Override
    public ChannelStore registeredChannels() {
        return channels;
    }

    @Override
    public CommitWait commitWait() {
        return CommitWait.NONE;
    }

    @Override
    public Map<Long, Delivery> deliveries(String channelId, String conversationId) {
        return state(channelId, conversationId).map(ConversationState::deliveries).orElse(Map.of());
    }

    @Override
    public void clear() {
        synchronized (createLock) {
            conversations.clear();
            activeByCustomer.clear();
            createsByRequestId.clear();
            createdByChannel.clear();
            withPendingDeliveries.clear();
        }
    }

    @Override
    public void clear(String channelId) {
        String prefix = key(channelId, "");
        synchronized (createLock) {
            List<String> ids = createdByChannel.remove(channelId);
            if (ids != null) {
                ids.forEach(id -> {
                    conversations.remove(id);
                    withPendingDeliveries.remove(id);
                });
            }
            activeByCustomer.keySet().removeIf(key -> key.startsWith(prefix));
            createsByRequestId.keySet().removeIf(key -> key.startsWith(prefix));
        }
    }

    private Optional<ConversationState> state(String channelId, String conversationId) {
        ConversationState state = conversations.get(conversationId);
        if (state == null || !state.snapshot().channelId().equals(channelId)) {
            return Optional.empty();
        }
        return Optional.of(state);
    }

    private static String key(String channelId, String id) {
        return channelId + '\u0000' + id;
    }

    private static final class ConversationState {
        private Conversation conversation;
        private long lastMessageId;
        private final List<StoredActivity> activities = new ArrayList<>();
        private final Map<String, Long> messageIdByClientId = new HashMap<>();
        private final TreeMap<Long, OutboxEntry> deliveries = new TreeMap<>();

        private record OutboxEntry(Outbound target, Delivery delivery, Instant nextAttemptAt, String leaseOwner,
                                   Instant leaseUntil) {
            /** Leased for one more attempt, which is counted now. */
            OutboxEntry leasedTo(String owner, Instant until) {
                Delivery counted = new Delivery(delivery.status(), delivery.attempts() + 1, delivery.lastError());
                return new OutboxEntry(target, counted, nextAttemptAt, owner, until);
            }

            OutboxEntry released() {
                return new OutboxEntry(target, delivery, nextAttemptAt, null, null);
            }

            boolean leasedAt(Instant now) {
                return leaseOwner != null && leaseUntil.isAfter(now);
            }
        }

        ConversationState(Conversation conversation) {
            this.conversation = conversation;
        }

        synchronized Conversation snapshot() {
            return conversation;
        }

        synchronized List<StoredActivity> activities() {
            return List.copyOf(activities);
        }

        /** From the first activity after {@code afterMessageId} (found by binary search), the page of messages. */
        synchronized List<StoredActivity> messages(long afterMessageId, int limit) {
            List<StoredActivity> page = new ArrayList<>(Math.min(limit, 64));
            for (int i = firstAfter(afterMessageId); i < activities.size() && page.size() < limit; i++) {
                StoredActivity activity = activities.get(i);
                if ("message".equals(activity.type()) && activity.sender() != Sender.SYSTEM) {
                    page.add(activity);
                }
            }
            return List.copyOf(page);
        }

        /** The index of the first activity whose {@code messageId} is above {@code messageId}. */
        private int firstAfter(long messageId) {
            int low = 0;
            int high = activities.size();
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (activities.get(middle).messageId() <= messageId) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low;
        }

        /** Activities are kept in {@code messageId} order, so one is found by binary search. */
        synchronized Optional<StoredActivity> activity(long messageId) {
            int low = 0;
            int high = activities.size() - 1;
            while (low <= high) {
                int middle = (low + high) >>> 1;
                long id = activities.get(middle).messageId();
                if (id < messageId) {
                    low = middle + 1;
                } else if (id > messageId) {
                    high = middle - 1;
                } else {
                    return Optional.of(activities.get(middle));
                }
            }
            return Optional.empty();
        }

        synchronized Map<Long, Delivery> deliveries() {
            return deliveries.entrySet().stream()
                    .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().delivery()));
        }

        synchronized boolean hasPendingDelivery() {
            return deliveries.values().stream().anyMatch(e -> e.delivery().status() == Delivery.Status.PENDING);
        }

        synchronized Optional<OutboxItem> claimHead(String owner, Instant now, Duration lease) {
            for (Map.Entry<Long, OutboxEntry> e : deliveries.entrySet()) {
                OutboxEntry entry = e.getValue();
                if (entry.delivery().status() != Delivery.Status.PENDING) {
                    continue;
                }
                if (entry.nextAttemptAt().isAfter(now) || entry.leasedAt(now)) {
                    return Optional.empty();
                }
                OutboxEntry leased = entry.leasedTo(owner, now.plus(lease));
                deliveries.put(e.getKey(), leased);
                StoredActivity activity = activityWith(e.getKey());
                return Optional.of(new OutboxItem(conversation.id(), e.getKey(), entry.target().webhookUrl(),
                        entry.target().token(), activity.json(), activity.receivedAt(), leased.delivery().attempts()));
            }
            return Optional.empty();
        }

        private StoredActivity activityWith(long messageId) {
            for (int i = activities.size() - 1; i >= 0; i--) {
                if (activities.get(i).messageId() == messageId) {
                    return activities.get(i);
                }
            }
            throw new IllegalStateException("delivery without activity: " + messageId);
        }

        synchronized boolean finish(long messageId, String owner, Delivery outcome, Instant nextAttemptAt) {
            OutboxEntry entry = deliveries.get(messageId);
            if (entry == null || !owner.equals(entry.leaseOwner())) {
                return false;
            }
            deliveries.put(messageId, new OutboxEntry(entry.target(), outcome, nextAttemptAt, null, null));
            return true;
        }

        synchronized void releaseLeases(String owner) {
            deliveries.replaceAll((id, entry) -> owner.equals(entry.leaseOwner()) ? entry.released() : entry);
        }

        synchronized Optional<Appended> appendIfOpen(NewActivity activity, MessageIdClock messageIds) {
            Long earlier = activity.clientId() == null ? null : messageIdByClientId.get(activity.clientId());
            if (earlier != null) {
                return Optional.of(new Appended(earlier, true));
            }
            if (!conversation.open()) {
                return Optional.empty();
            }
            return Optional.of(append(activity, messageIds));
        }

        synchronized Appended append(NewActivity activity, MessageIdClock messageIds) {
            lastMessageId = messageIds.next(lastMessageId);
            activities.add(new StoredActivity(lastMessageId, activity.clientId(), activity.type(), activity.json(),
                    activity.receivedAt(), activity.sender()));
            if (activity.clientId() != null) {
                messageIdByClientId.put(activity.clientId(), lastMessageId);
            }
            Outbound outbound = activity.outbound();
            if (outbound != null) {
                deliveries.put(lastMessageId, new OutboxEntry(outbound, outbound.webhookUrl() == null
                        ? new Delivery(Delivery.Status.FAILED, 0, Outbound.noWebhookError(conversation.channelId()))
                        : new Delivery(Delivery.Status.PENDING, 0, null), activity.receivedAt(), null, null));
            }
            if (activity.endsConversation()) {
                conversation = conversation.closed();
            }
            return new Appended(lastMessageId, false);
        }

        synchronized boolean close() {
            if (!conversation.open()) {
                return false;
            }
            conversation = conversation.closed();
            return true;
        }

        synchronized Conversation updateContext(UnaryOperator<String> change) {
            conversation = conversation.withContext(change.apply(conversation.contextJson()));
            return conversation;
        }

        synchronized void markRead(long messageId) {
            conversation = conversation.readUpTo(messageId);
        }

    }
}
