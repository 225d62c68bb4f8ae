package io.github.ccmessaging.server.problem;

/** A request the API refuses with a documented error code; answered as problem details, never logged as a failure. */
public final class ApiProblem extends RuntimeException {
    private final ErrorCode errorCode;

    public ApiProblem(ErrorCode errorCode, String detail) {
        super(detail, null, false, false);
        this.errorCode = errorCode;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public String detail() {
        return getMessage();
    }
}
