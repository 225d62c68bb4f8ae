package io.github.ccmessaging.server.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps everything in memory: fast and forgotten at exit. For test suites and throw-away sessions. */
public final class InMemoryConversationStore implements ConversationStore {
    private final MessageIdClock messageIds;
    private final Map<String, ConversationState> conversations = new ConcurrentHashMap<>();
    private final Map<String, String> activeByCustomer = new HashMap<>();
    private final Map<String, CreateOutcome> createsByRequestId = new HashMap<>();
    private final Object createLock = new Object();

    public InMemoryConversationStore(MessageIdClock messageIds) {
        this.messageIds = messageIds;
    }

    @Override
    public CreateOutcome create(NewConversation request) {
        synchronized (createLock) {
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
        if (state == null || !state.isOpen()) {
            return null;
        }
        return new CreateOutcome(id, false, OptionalLong.empty());
    }

    private CreateOutcome started(NewConversation request) {
        String id = UUID.randomUUID().toString();
        ConversationState state = new ConversationState(new Conversation(id, request.channelId(), request.customerId(),
                request.contextJson(), request.createdAt(), true));
        conversations.put(id, state);
        if (request.startMessage() == null) {
            return new CreateOutcome(id, true, OptionalLong.empty());
        }
        return new CreateOutcome(id, true, OptionalLong.of(state.append(request.startMessage(), messageIds).messageId()));
    }

    @Override
    public Optional<Appended> append(String channelId, String conversationId, NewActivity activity) {
        return state(channelId, conversationId).flatMap(state -> state.appendIfOpen(activity, messageIds));
    }

    @Override
    public Optional<Conversation> find(String channelId, String conversationId) {
        return state(channelId, conversationId).map(ConversationState::snapshot);
    }

    @Override
    public List<StoredActivity> activities(String channelId, String conversationId) {
        return state(channelId, conversationId).map(ConversationState::activities).orElse(List.of());
    }

    private Optional<ConversationState> state(String channelId, String conversationId) {
        ConversationState state = conversations.get(conversationId);
        if (state == null || !state.conversation.channelId().equals(channelId)) {
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

        ConversationState(Conversation conversation) {
            this.conversation = conversation;
        }

        synchronized boolean isOpen() {
            return conversation.open();
        }

        synchronized Conversation snapshot() {
            return conversation;
        }

        synchronized List<StoredActivity> activities() {
            return List.copyOf(activities);
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
                    activity.receivedAt()));
            if (activity.clientId() != null) {
                messageIdByClientId.put(activity.clientId(), lastMessageId);
            }
            if (activity.endsConversation()) {
                Conversation c = conversation;
                conversation = new Conversation(c.id(), c.channelId(), c.customerId(), c.contextJson(), c.createdAt(), false);
            }
            return new Appended(lastMessageId, false);
        }
    }
}
