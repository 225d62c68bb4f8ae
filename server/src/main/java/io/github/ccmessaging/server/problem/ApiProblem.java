package io.github.ccmessaging.server.problem;

/** A request the API refuses with a documented error code; answered as problem details, never logged as a failure. */
public final class ApiProblem extends RuntimeException {
    private final ErrorCode errorCode;

    public ApiProblem(ErrorCode errorCode, String detail) {
        super(detail, null, false, false);
        this.errorCode = errorCode;
    }

    /** 404 / 30013: the conversation does not exist in the caller's channel, or is closed. */
    public static ApiProblem conversationNotFound(String conversationId) {
        return new ApiProblem(ErrorCode.CONVERSATION_NOT_FOUND,
                "Conversation " + conversationId + " does not exist or is closed.");
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public String detail() {
        return getMessage();
    }
}
