package io.github.ccmessaging.server.activity;

import io.github.ccmessaging.server.model.Activity;
import io.github.ccmessaging.server.model.ConversationAccount;
import io.github.ccmessaging.server.model.EndOfConversationActivity;
import io.github.ccmessaging.server.model.EventActivity;
import io.github.ccmessaging.server.model.MessageActivity;
import io.github.ccmessaging.server.model.TypingActivity;

/**
 * The members every activity type shares; the generated union has no common accessors.
 *
 * @param type the Bot Framework type
 * @param id the sender's activity id, or null
 * @param channelId the body's channel id, or null
 * @param conversationId the body's {@code conversation.id}, or null
 */
record ActivityEnvelope(String type, String id, String channelId, String conversationId) {

    static ActivityEnvelope of(Activity activity) {
        if (activity instanceof MessageActivity a) {
            return new ActivityEnvelope("message", a.getId(), a.getChannelId(), idOf(a.getConversation()));
        }
        if (activity instanceof TypingActivity a) {
            return new ActivityEnvelope("typing", a.getId(), a.getChannelId(), idOf(a.getConversation()));
        }
        if (activity instanceof EndOfConversationActivity a) {
            return new ActivityEnvelope("endOfConversation", a.getId(), a.getChannelId(), idOf(a.getConversation()));
        }
        if (activity instanceof EventActivity a) {
            return new ActivityEnvelope("event", a.getId(), a.getChannelId(), idOf(a.getConversation()));
        }
        throw new IllegalArgumentException("Not an activity of this API: " + activity.getClass().getName());
    }

    private static String idOf(ConversationAccount conversation) {
        return conversation == null ? null : conversation.getId();
    }
}
