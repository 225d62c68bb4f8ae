package io.github.ccmessaging.server.store;

/** A conversation id chosen for a new conversation ({@link NewConversation#chosenId()}) belongs to another channel. */
public final class ConversationIdTaken extends RuntimeException {
    public ConversationIdTaken(String conversationId) {
        super("The conversation id " + conversationId + " cannot be used; choose another.", null, false, false);
    }
}
