package io.github.ccmessaging.server.conversation;

import java.util.Locale;
import java.util.Optional;

/** The consumer API's path templates, which fault rules and the request journal name requests by. */
public enum ConsumerPath {
    CREATE("/api/v1.0/consumer/conversation/create"),
    CONVERSATION("/api/v1.0/consumer/conversation/{conversationId}"),
    CONVERSATIONS("/api/v1.0/consumer/conversations"),
    MESSAGES("/api/v1.0/consumer/conversation/{conversationId}/messages"),
    CONTEXT("/api/v1.0/consumer/conversation/{conversationId}/context");

    private static final String PREFIX = "/api/v1.0/consumer/";
    private static final String CONVERSATION_PREFIX = PREFIX + "conversation/";

    private final String template;

    ConsumerPath(String template) {
        this.template = template;
    }

    public String template() {
        return template;
    }

    /** The path with this template, or empty. */
    public static Optional<ConsumerPath> ofTemplate(String template) {
        for (ConsumerPath path : values()) {
            if (path.template.equals(template)) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    /**
     * Where a request goes: its template and the conversation it names (lower-cased; null for a create or the list).
     *
     * @param path the request's path without query string, e.g. {@code /api/v1.0/consumer/conversation/abc/messages}
     * @return empty for any path outside the consumer API
     */
    public static Optional<Located> locate(String path) {
        if (path == null || !path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        if (path.length() == PREFIX.length() + "conversations".length() && path.endsWith("conversations")) {
            return Optional.of(new Located(CONVERSATIONS, null));
        }
        if (!path.startsWith(CONVERSATION_PREFIX)) {
            return Optional.empty();
        }
        String rest = path.substring(CONVERSATION_PREFIX.length());
        if (rest.equals("create")) {
            return Optional.of(new Located(CREATE, null));
        }
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return rest.isEmpty() ? Optional.empty() : Optional.of(new Located(CONVERSATION, lower(rest)));
        }
        String id = lower(rest.substring(0, slash));
        return switch (rest.substring(slash + 1)) {
            case "messages" -> Optional.of(new Located(MESSAGES, id));
            case "context" -> Optional.of(new Located(CONTEXT, id));
            default -> Optional.empty();
        };
    }

    private static String lower(String id) {
        return id.toLowerCase(Locale.ROOT);
    }

    /**
     * A request's place in the consumer API.
     *
     * @param conversationId the conversation in the path, lower-cased; null when the path names none
     */
    public record Located(ConsumerPath path, String conversationId) {
    }
}
