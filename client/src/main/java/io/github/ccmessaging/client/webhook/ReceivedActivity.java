package io.github.ccmessaging.client.webhook;

import io.github.ccmessaging.client.webhook.model.WebhookActivity;
import java.util.Objects;

/**
 * One activity the webhook received.
 *
 * <p>{@code type} and {@code name} are the values as sent, also when they are not among the documented ones: the
 * samples of Microsoft's documentation show event names such as {@code AgentClosed} that its list of system events
 * does not contain. The generated {@link WebhookActivity} then holds {@code null} for that member, and the activity
 * is still accepted (Bot Framework receivers ignore what they don't know).
 *
 * @param conversationId the conversation's id, from the request path
 * @param activity the parsed activity; members it does not declare are ignored
 * @param type the activity's {@code type} as sent, e.g. {@code message} or {@code typing}
 * @param name the activity's {@code name} as sent, e.g. the system event {@code AgentAccepted}; {@code null} when
 *             absent
 */
public record ReceivedActivity(String conversationId, WebhookActivity activity, String type, String name) {

    /**
     * Checks the members.
     *
     * @param conversationId the conversation's id, from the request path
     * @param activity the parsed activity
     * @param type the activity's {@code type} as sent
     * @param name the activity's {@code name} as sent, or {@code null}
     * @throws NullPointerException when the conversation id, activity or type is {@code null}
     */
    public ReceivedActivity {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(activity, "activity");
        Objects.requireNonNull(type, "type");
    }
}
