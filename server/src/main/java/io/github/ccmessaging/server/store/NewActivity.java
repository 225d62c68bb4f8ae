package io.github.ccmessaging.server.store;

import java.time.Instant;

/**
 * An activity accepted by the rules and ready to be stored.
 *
 * @param clientId the sender's own activity id, or null; a second activity with the same id is a retry
 * @param type the Bot Framework activity type
 * @param json the activity as JSON, as it will appear in transcripts
 * @param receivedAt when the server received it
 * @param endsConversation true for {@code endOfConversation}: the conversation closes once it is stored
 * @param sender who sent it
 * @param outbound where to deliver it, for the representative's side (null: nowhere)
 */
public record NewActivity(String clientId, String type, String json, Instant receivedAt, boolean endsConversation,
                          Sender sender, Outbound outbound) {

    /** An activity that is not delivered anywhere. */
    public NewActivity(String clientId, String type, String json, Instant receivedAt, boolean endsConversation,
                       Sender sender) {
        this(clientId, type, json, receivedAt, endsConversation, sender, null);
    }

    /** An activity of the customer. */
    public NewActivity(String clientId, String type, String json, Instant receivedAt, boolean endsConversation) {
        this(clientId, type, json, receivedAt, endsConversation, Sender.CUSTOMER);
    }
}
