package io.github.ccmessaging.server.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ccmessaging.server.model.Attachment;
import io.github.ccmessaging.server.model.ContextList;
import io.github.ccmessaging.server.model.ConversationList;
import io.github.ccmessaging.server.model.ConversationMessage;
import io.github.ccmessaging.server.model.ConversationSummary;
import io.github.ccmessaging.server.model.MessageList;
import io.github.ccmessaging.server.model.MessageSender;
import io.github.ccmessaging.server.problem.ApiProblem;
import io.github.ccmessaging.server.problem.ErrorCode;
import io.github.ccmessaging.server.store.Conversation;
import io.github.ccmessaging.server.store.ConversationStore;
import io.github.ccmessaging.server.store.Sender;
import io.github.ccmessaging.server.store.StoredActivity;
import io.github.ccmessaging.server.store.StoredJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The read side of the consumer API: conversation list, messages and context, paged as documented. */
final class ConversationQueries {
    private final ConversationStore store;
    private final ObjectMapper json;

    ConversationQueries(ConversationStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    ConversationList conversations(String channelId, String startTimeStamp, Integer pageSize, String token) {
        Instant createdAfter = Timestamps.parse(startTimeStamp, ErrorCode.INVALID_TIMESTAMP, "StartTimeStamp");
        int size = pageSize;
        String after = token == null || token.isEmpty() ? null : token;
        // one more than asked tells whether a next page exists
        List<Conversation> page = store.openConversations(channelId, createdAfter, after, size + 1)
                .orElseThrow(() -> new ApiProblem(ErrorCode.INVALID_CONTINUATION_TOKEN,
                        "ContinuationToken is not a token this endpoint returned; use the same token as before."));
        ConversationList list = new ConversationList().conversations(new ArrayList<>());
        for (Conversation c : page.subList(0, Math.min(size, page.size()))) {
            list.getConversations().add(new ConversationSummary().conversationid(c.id())
                    .timestamp(Timestamps.format(c.createdAt())));
        }
        if (page.size() > size) {
            list.continuationtoken(page.get(size - 1).id());
        }
        return list;
    }

    MessageList messages(String channelId, String conversationId, String startTimeStamp, Integer pageSize,
                         String token) {
        Instant after = Timestamps.parse(startTimeStamp, ErrorCode.INVALID_TIMESTAMP, "StartTimeStamp");
        Instant resumeAfter = Timestamps.parse(token, ErrorCode.INVALID_CONTINUATION_TOKEN, "ContinuationToken");
        int size = pageSize;
        openConversation(channelId, conversationId);
        long floor = Math.max(after == null ? 0 : after.toEpochMilli(),
                resumeAfter == null ? 0 : resumeAfter.toEpochMilli());
        List<StoredActivity> messages = store.messages(channelId, conversationId, floor, size + 1);
        MessageList list = new MessageList().messages(new ArrayList<>());
        for (StoredActivity a : messages.subList(0, Math.min(size, messages.size()))) {
            list.getMessages().add(toMessage(a));
        }
        if (messages.size() > size) {
            list.continuationToken(Timestamps.formatOffset(messages.get(size - 1).messageId()));
        }
        return list;
    }

    ContextList context(String channelId, String conversationId) {
        Conversation conversation = openConversation(channelId, conversationId);
        return ContextVariables.list(json, conversation.contextJson());
    }

    private Conversation openConversation(String channelId, String conversationId) {
        return store.find(channelId, conversationId).filter(Conversation::open)
                .orElseThrow(() -> ApiProblem.conversationNotFound(conversationId));
    }

    private ConversationMessage toMessage(StoredActivity stored) {
        JsonNode activity = StoredJson.read(json, stored.json());
        JsonNode from = activity.path("from");
        ConversationMessage message = new ConversationMessage()
                .type(stored.type())
                .id(stored.clientId())
                .messageId(Long.toString(stored.messageId()))
                .timestamp(Timestamps.format(stored.receivedAt()))
                .from(new MessageSender()
                        .id(from.hasNonNull("id") ? from.get("id").asText() : null)
                        .name(from.hasNonNull("name") ? from.get("name").asText() : null)
                        .role(stored.sender() == Sender.CUSTOMER ? MessageSender.RoleEnum.USER
                                : MessageSender.RoleEnum.AGENT))
                .text(activity.hasNonNull("text") ? activity.get("text").asText() : null)
                .textFormat(activity.hasNonNull("textFormat") ? activity.get("textFormat").asText() : null)
                .attachments(new ArrayList<>())
                .channelData(activity.has("channelData")
                        ? json.convertValue(activity.get("channelData"), Map.class) : Map.of());
        for (JsonNode attachment : activity.path("attachments")) {
            message.getAttachments().add(json.convertValue(attachment, Attachment.class));
        }
        return message;
    }
}
