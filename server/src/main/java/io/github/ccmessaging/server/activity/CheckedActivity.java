package io.github.ccmessaging.server.activity;

/**
 * An activity that passed the rules.
 *
 * @param type its Bot Framework type
 * @param clientId the sender's activity id, or null
 * @param readEvent true for a {@code MessageRead} event, which is answered with an empty {@code messageId}
 * @param endsConversation true for {@code endOfConversation}
 */
public record CheckedActivity(String type, String clientId, boolean readEvent, boolean endsConversation) {
}
