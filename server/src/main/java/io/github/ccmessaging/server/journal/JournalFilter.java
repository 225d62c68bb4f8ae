package io.github.ccmessaging.server.journal;

import io.github.ccmessaging.server.channel.Channel;
import io.github.ccmessaging.server.channel.ChannelRegistry;
import io.github.ccmessaging.server.conversation.ConsumerPath;
import io.github.ccmessaging.server.http.BearerTokenFilter;
import io.github.ccmessaging.server.http.CorrelationIds;
import io.github.ccmessaging.server.model.CreateConversationResponse;
import io.github.ccmessaging.server.model.Problem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Records each consumer API request that authenticated as a channel in the {@link RequestJournal}: the body as it
 * arrived (read once here and handed on), and when the answer is ready its status, error code and correlation id.
 * Registered only while the journal is on, so that off it costs nothing.
 */
@Priority(Priorities.AUTHENTICATION + 5)
public final class JournalFilter implements ContainerRequestFilter, ContainerResponseFilter {
    /** The request attribute naming the fault rule that fired for a request that Jersey still serves (a delay). */
    public static final String FAULT_RULE = JournalFilter.class.getName() + ".faultRule";
    private static final String ARRIVED = JournalFilter.class.getName() + ".arrived";

    private final RequestJournal journal;
    private final ChannelRegistry channels;
    private final Clock clock;

    public JournalFilter(RequestJournal journal, ChannelRegistry channels, Clock clock) {
        this.journal = journal;
        this.channels = channels;
        this.clock = clock;
    }

    /** What is known of a request when it arrives. */
    private record Arrival(Instant time, byte[] body) {
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (!request.getUriInfo().getPath().startsWith("api/")) {
            return;
        }
        byte[] body = null;
        if (request.hasEntity()) {
            body = request.getEntityStream().readAllBytes();
            request.setEntityStream(new ByteArrayInputStream(body));
        }
        request.setProperty(ARRIVED, new Arrival(clock.instant(), body));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(ARRIVED) instanceof Arrival arrival)) {
            return;
        }
        String channelId = request.getHeaderString("channel-id");
        Channel channel = channels.find(channelId).orElse(null);
        URI uri = request.getUriInfo().getRequestUri();
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String conversationId = response.getEntity() instanceof CreateConversationResponse created
                ? created.getConversationId()
                : ConsumerPath.locate(uri.getRawPath()).map(ConsumerPath.Located::conversationId).orElse(null);
        Integer errorCode = response.getEntity() instanceof Problem problem ? problem.getErrorCode() : null;
        String bearerToken = BearerTokenFilter.bearerToken(request.getHeaderString(HttpHeaders.AUTHORIZATION))
                .orElse(null);
        byte[] body = arrival.body();
        journal.record(new JournaledRequest(channelId, request.getMethod(), path, conversationId,
                headers(request), JournaledRequest.kept(body), body == null ? 0 : body.length, response.getStatus(),
                errorCode, CorrelationIds.of(request), (String) request.getProperty(FAULT_RULE),
                JournaledRequest.secretsOf(channel, bearerToken), arrival.time()));
    }

    private static Map<String, String> headers(ContainerRequestContext request) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.getHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            headers.put(lower, JournaledRequest.headerValue(lower, values));
        });
        return headers;
    }
}
