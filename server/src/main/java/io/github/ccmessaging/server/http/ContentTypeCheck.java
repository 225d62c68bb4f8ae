package io.github.ccmessaging.server.http;

import io.github.ccmessaging.server.problem.ErrorCode;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * Answers a {@code Content-Type} that is no media type at all with the documented 30012, before Jersey's matching
 * would answer a bare 400 without problem details.
 */
@PreMatching
@Priority(2)
final class ContentTypeCheck implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (contentType == null) {
            return;
        }
        try {
            MediaType.valueOf(contentType);
        } catch (IllegalArgumentException notAMediaType) {
            request.abortWith(ProblemResponses.of(ErrorCode.MALFORMED_REQUEST,
                    "Content-Type must be application/json."));
        }
    }
}
