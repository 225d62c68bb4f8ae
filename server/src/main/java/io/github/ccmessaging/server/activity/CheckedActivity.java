package io.github.ccmessaging.server.activity;

/**
 * An activity that passed the rules.
 *
 * @param type its Bot Framework type
 * @param clientId the sender's activity id, or null
 * @param readMessageId for a {@code MessageRead} event the {@code messageId} it names (answered with an empty
 *     {@code messageId}); null for every other activity
 * @param endsConversation true for {@code endOfConversation}
 */
public record CheckedActivity(String type, String clientId, String readMessageId, boolean endsConversation) {
}
