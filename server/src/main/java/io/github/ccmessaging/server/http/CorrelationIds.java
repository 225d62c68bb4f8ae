package io.github.ccmessaging.server.http;

import io.github.ccmessaging.server.model.Problem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
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

    /** A random GUID-shaped id; unguessability is not needed, so no SecureRandom (a lock on every request). */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong() & ~0xF000L | 0x4000L, random.nextLong() & ~(3L << 62) | (1L << 63)).toString();
    }

    /** The correlation id of a request that offered {@code offered} (null: none): that one when sane, else a new one. */
    public static String forRequest(String offered) {
        return offered != null && SANE.matcher(offered).matches() ? offered : newId();
    }

    /** The correlation id this filter gave the request; null before it ran. */
    public static String of(ContainerRequestContext request) {
        Object id = request.getProperty(PROPERTY);
        return id == null ? null : id.toString();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(PROPERTY, forRequest(request.getHeaderString(HEADER)));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(PROPERTY);
        if (id == null) {
            id = newId();
        }
        response.getHeaders().putSingle(HEADER, id);
        if (response.getEntity() instanceof Problem problem && problem.getCorrelationId() == null) {
            problem.setCorrelationId(id.toString());
        }
    }
}
