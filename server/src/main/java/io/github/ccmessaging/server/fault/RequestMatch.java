package io.github.ccmessaging.server.fault;

import io.github.ccmessaging.server.conversation.ConsumerPath;

/**
 * Which requests (or deliveries) a rule matches; a null member matches anything.
 *
 * @param method {@code GET} or {@code POST}
 * @param path the consumer API path template
 * @param conversationId the conversation named by the request's path, or that a delivery belongs to; lower-case
 */
public record RequestMatch(String method, ConsumerPath path, String conversationId) {
    public static final RequestMatch ANY = new RequestMatch(null, null, null);

    /** Whether it matches every request. */
    public boolean isAny() {
        return method == null && path == null && conversationId == null;
    }

    boolean matches(String requestMethod, ConsumerPath.Located where) {
        return (method == null || method.equals(requestMethod))
                && (path == null || path == where.path())
                && (conversationId == null || conversationId.equals(where.conversationId()));
    }

    boolean matchesDelivery(String deliveryConversationId) {
        return conversationId == null || conversationId.equals(deliveryConversationId);
    }
}
