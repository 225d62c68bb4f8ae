package io.github.ccmessaging.server.http;

import io.github.ccmessaging.server.model.Problem;
import io.github.ccmessaging.server.problem.ErrorCode;
import jakarta.ws.rs.core.Response;

/** Builds the {@code application/problem+json} responses of the API. */
public final class ProblemResponses {
    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String DOCUMENTED_TYPE =
            "https://learn.microsoft.com/dynamics365/contact-center/extend/error-handling";

    private ProblemResponses() {
    }

    public static Response of(ErrorCode code, String detail) {
        Problem problem = new Problem()
                .type(DOCUMENTED_TYPE)
                .title(code.title())
                .status(code.status())
                .detail(detail)
                .errorCode(code.code());
        return build(problem);
    }

    /** A problem without a documented error code, such as 401 or 404 for an unknown path. */
    public static Response of(int status, String title, String detail) {
        return build(new Problem().type("about:blank").title(title).status(status).detail(detail));
    }

    private static Response build(Problem problem) {
        return Response.status(problem.getStatus()).type(MEDIA_TYPE).entity(problem).build();
    }
}
