package io.github.ccmessaging.server.http;

import io.github.ccmessaging.server.model.Problem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request a correlation id — the caller's {@code x-ms-correlation-id} when it sent a sane one — and puts it
 * on every response, in the header and in problem details.
 */
@PreMatching
@Priority(0)
public final class CorrelationIds implements ContainerRequestFilter, ContainerResponseFilter {
    public static final String HEADER = "x-ms-correlation-id";
    static final String PROPERTY = CorrelationIds.class.getName();
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Override
    public void filter(ContainerRequestContext request) {
        String offered = request.getHeaderString(HEADER);
        String id = offered != null && SANE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
        request.setProperty(PROPERTY, id);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(PROPERTY);
        if (id == null) {
            id = UUID.randomUUID().toString();
        }
        response.getHeaders().putSingle(HEADER, id);
        if (response.getEntity() instanceof Problem problem && problem.getCorrelationId() == null) {
            problem.setCorrelationId(id.toString());
        }
    }
}
