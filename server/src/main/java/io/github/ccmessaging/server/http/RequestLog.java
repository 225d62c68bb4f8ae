package io.github.ccmessaging.server.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One readable line per request: method, path, status, milliseconds and the correlation id of the response. The path
 * is logged decoded, with control characters escaped, so that no request can forge a log line.
 */
@PreMatching
@Priority(0)
public final class RequestLog implements ContainerRequestFilter, ContainerResponseFilter {
    /** The request log's logger name, documented in the README; also for requests answered before Jersey. */
    public static final String LOGGER = "io.github.ccmessaging.server.requests";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final String STARTED = RequestLog.class.getName() + ".started";

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        Object started = request.getProperty(STARTED);
        long millis = started instanceof Long nanos ? (System.nanoTime() - nanos) / 1_000_000 : -1;
        LOG.info("{} /{} {} {}ms correlation-id={}", LogText.escape(request.getMethod()),
                LogText.escape(request.getUriInfo().getPath()),
                response.getStatus(), millis, request.getProperty(CorrelationIds.PROPERTY));
    }
}
