package io.github.ccmessaging.server.problem;

import java.util.Map;

/**
 * Which documented error code answers a request that breaks a constraint of the OpenAPI document, by the names the
 * document gives the constrained element: a parameter by where it is sent and its name ({@code header channel-id},
 * {@code query PageSize}), a body member by the schema that declares it and its JSON name
 * ({@code MessageActivity.text}). The document names the same codes in {@code x-error-code}; a test keeps the two equal.
 */
public final class ConstraintCodes {
    /** Parameters by {@code "<in> <name>"}, or {@code "<operationId> <in> <name>"} where the code differs by operation. */
    private static final Map<String, ErrorCode> PARAMETERS = Map.of(
            "header channel-id", ErrorCode.INVALID_CHANNEL_ID,
            "header organization-id", ErrorCode.INVALID_ORGANIZATION_ID,
            "path conversationId", ErrorCode.INVALID_CONVERSATION_ID,
            "listRequests query conversationId", ErrorCode.INVALID_CONVERSATION_ID,
            "path channelId", ErrorCode.INVALID_CHANNEL_ID,
            "query StartTimeStamp", ErrorCode.INVALID_TIMESTAMP,
            "query ContinuationToken", ErrorCode.INVALID_CONTINUATION_TOKEN,
            "listConversations query PageSize", ErrorCode.INVALID_CONVERSATIONS_PAGE_SIZE,
            "listMessages query PageSize", ErrorCode.INVALID_MESSAGES_PAGE_SIZE);

    /** Body members with a code of their own, by {@code "<schema>.<member>"}; any other member's break is 30012. */
    private static final Map<String, ErrorCode> MEMBERS = Map.of(
            "MessageActivity.text", ErrorCode.TEXT_TOO_LONG,
            "RepresentativeActivity.text", ErrorCode.TEXT_TOO_LONG,
            "CreateConversationRequest.conversationcontext", ErrorCode.TOO_MANY_CONTEXT_VARIABLES,
            "ContextUpdate.context", ErrorCode.TOO_MANY_CONTEXT_VARIABLES);

    private ConstraintCodes() {
    }

    /**
     * The code of a parameter's break; 30012 for a parameter the table does not know.
     *
     * @param operationId the operation, e.g. {@code listMessages}
     * @param in where the parameter is sent: {@code header}, {@code path} or {@code query}
     * @param name the parameter's name as sent, e.g. {@code channel-id}
     */
    public static ErrorCode ofParameter(String operationId, String in, String name) {
        ErrorCode code = PARAMETERS.get(operationId + " " + in + " " + name);
        return code != null ? code : PARAMETERS.getOrDefault(in + " " + name, ErrorCode.MALFORMED_REQUEST);
    }

    /**
     * The code of a body member's break: 30012 unless the member has a code of its own.
     *
     * @param schema the schema that declares the member, e.g. {@code MessageActivity}
     * @param member the member's JSON name, e.g. {@code text}
     */
    public static ErrorCode ofMember(String schema, String member) {
        return MEMBERS.getOrDefault(schema + "." + member, ErrorCode.MALFORMED_REQUEST);
    }

    /** The parameter table as written, for the test that holds it against the document. */
    static Map<String, ErrorCode> parameters() {
        return PARAMETERS;
    }

    /** The member table as written, for the test that holds it against the document. */
    static Map<String, ErrorCode> members() {
        return MEMBERS;
    }
}
