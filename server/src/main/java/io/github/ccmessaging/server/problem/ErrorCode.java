package io.github.ccmessaging.server.problem;

/**
 * The documented error codes of the Messaging API, with the HTTP status and title each is answered with. The titles
 * name no limit: a limit lives in the OpenAPI document (and what is generated from it), and the problem's
 * {@code detail} names the one that was broken. Which code answers a broken constraint: {@link ConstraintCodes}.
 */
public enum ErrorCode {
    INVALID_ORGANIZATION_ID(30001, 400, "Invalid organization id"),
    INVALID_CHANNEL_ID(30002, 400, "Invalid channel id"),
    OPERATION_NOT_SUPPORTED(30003, 400, "The requested operation is invalid or not supported"),
    CHANNEL_CONFIGURATION_NOT_FOUND(30004, 404, "Channel configuration does not exist"),
    INVALID_CONVERSATION_ID(30005, 400, "Invalid conversation id"),
    INVALID_TIMESTAMP(30006, 400, "Invalid timestamp"),
    INVALID_CONVERSATIONS_PAGE_SIZE(30007, 400, "Page size of the conversation list is out of range"),
    INVALID_MESSAGES_PAGE_SIZE(30008, 400, "Page size of the message list is out of range"),
    INVALID_CONTINUATION_TOKEN(30009, 400, "Invalid continuation token"),
    TOO_MANY_CONTEXT_VARIABLES(30010, 400, "Conversation context has too many variables"),
    TEXT_TOO_LONG(30011, 400, "Message text is too long"),
    MALFORMED_REQUEST(30012, 400, "Request body is missing or malformed"),
    CONVERSATION_NOT_FOUND(30013, 404, "Conversation does not exist"),
    CHANNEL_NOT_LINKED(30014, 400, "Channel configuration is not linked to a workstream"),
    SERIALIZATION_FAILED(30015, 500, "Response serialization failed"),
    NO_TEXT_OR_ATTACHMENTS(30016, 400, "Message activity has no text or attachments");

    private final int code;
    private final int status;
    private final String title;

    ErrorCode(int code, int status, String title) {
        this.code = code;
        this.status = status;
        this.title = title;
    }

    public int code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
