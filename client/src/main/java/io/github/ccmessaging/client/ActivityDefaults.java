package io.github.ccmessaging.client;

import io.github.ccmessaging.client.model.Activity;
import io.github.ccmessaging.client.model.ConversationAccount;
import io.github.ccmessaging.client.model.EndOfConversationActivity;
import io.github.ccmessaging.client.model.EventActivity;
import io.github.ccmessaging.client.model.MessageActivity;
import io.github.ccmessaging.client.model.TypingActivity;
import java.util.UUID;

/**
 * Fills in the members of an outgoing activity that the caller left {@code null}: {@code type}, {@code id}
 * (a random UUID), {@code channelId} (the configured channel) and {@code conversation.id} (the path's
 * conversation). Values the caller set are kept. The activity object itself is modified, so that sending
 * the same object again (a retry) carries the same {@code id} and is recognised by the server.
 */
final class ActivityDefaults {

    private final String channelId;

    ActivityDefaults(String channelId) {
        this.channelId = channelId;
    }

    /** Fills in the wrapped activity; rejects an empty wrapper. */
    Activity fill(Activity activity, String conversationId) {
        Object instance = activity.getActualInstance();
        if (instance instanceof MessageActivity message) {
            fill(message, conversationId);
        } else if (instance instanceof TypingActivity typing) {
            fill(typing, conversationId);
        } else if (instance instanceof EndOfConversationActivity end) {
            fill(end, conversationId);
        } else if (instance instanceof EventActivity event) {
            fill(event, conversationId);
        } else {
            throw new IllegalArgumentException("activity wraps no MessageActivity, TypingActivity, "
                    + "EndOfConversationActivity or EventActivity");
        }
        return activity;
    }

    void fill(MessageActivity activity, String conversationId) {
        if (activity.getType() == null) {
            activity.setType(MessageActivity.TypeEnum.MESSAGE);
        }
        if (activity.getId() == null) {
            activity.setId(newId());
        }
        if (activity.getChannelId() == null) {
            activity.setChannelId(channelId);
        }
        activity.setConversation(withId(activity.getConversation(), conversationId));
    }

    void fill(TypingActivity activity, String conversationId) {
        if (activity.getType() == null) {
            activity.setType(TypingActivity.TypeEnum.TYPING);
        }
        if (activity.getId() == null) {
            activity.setId(newId());
        }
        if (activity.getChannelId() == null) {
            activity.setChannelId(channelId);
        }
        activity.setConversation(withId(activity.getConversation(), conversationId));
    }

    void fill(EndOfConversationActivity activity, String conversationId) {
        if (activity.getType() == null) {
            activity.setType(EndOfConversationActivity.TypeEnum.END_OF_CONVERSATION);
        }
        if (activity.getId() == null) {
            activity.setId(newId());
        }
        if (activity.getChannelId() == null) {
            activity.setChannelId(channelId);
        }
        activity.setConversation(withId(activity.getConversation(), conversationId));
    }

    void fill(EventActivity activity, String conversationId) {
        if (activity.getType() == null) {
            activity.setType(EventActivity.TypeEnum.EVENT);
        }
        if (activity.getId() == null) {
            activity.setId(newId());
        }
        if (activity.getChannelId() == null) {
            activity.setChannelId(channelId);
        }
        activity.setConversation(withId(activity.getConversation(), conversationId));
    }

    private static ConversationAccount withId(ConversationAccount conversation, String conversationId) {
        ConversationAccount result = conversation == null ? new ConversationAccount() : conversation;
        if (result.getId() == null) {
            result.setId(conversationId);
        }
        return result;
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
