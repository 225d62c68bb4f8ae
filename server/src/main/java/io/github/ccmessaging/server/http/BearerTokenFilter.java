package io.github.ccmessaging.server.http;

import io.github.ccmessaging.server.auth.Authenticator;
import io.github.ccmessaging.server.channel.Channel;
import io.github.ccmessaging.server.channel.ChannelRegistry;
import io.github.ccmessaging.server.channel.Guids;
import io.github.ccmessaging.server.problem.ErrorCode;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Locale;
import java.util.Optional;

/**
 * Authenticates the consumer API: a bearer token, well-formed {@code channel-id} and {@code organization-id} headers,
 * and a channel that belongs to that organization and whose {@link Authenticator} permits that token. Runs before
 * the body is read.
 */
@Priority(Priorities.AUTHENTICATION)
public final class BearerTokenFilter implements ContainerRequestFilter {
    private static final String UNAUTHORIZED_DETAIL =
            "The bearer token is missing, invalid or expired, or it may not use this channel.";
    private static final String WRONG_ORGANIZATION_DETAIL =
            "The organization-id header does not name the organization of this channel.";

    private final ChannelRegistry channels;
    private final Authenticator authenticator;

    public BearerTokenFilter(ChannelRegistry channels, Authenticator authenticator) {
        this.channels = channels;
        this.authenticator = authenticator;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!isChannelPath(request.getUriInfo().getPath())) {
            return;
        }
        Optional<String> token = bearerToken(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (token.isEmpty()) {
            request.abortWith(unauthorized());
            return;
        }
        String channelId = request.getHeaderString("channel-id");
        if (!Guids.isGuid(channelId)) {
            request.abortWith(ProblemResponses.of(ErrorCode.INVALID_CHANNEL_ID,
                    "The channel-id header must be the channel's GUID."));
            return;
        }
        String organizationId = request.getHeaderString("organization-id");
        if (!Guids.isGuid(organizationId)) {
            request.abortWith(ProblemResponses.of(ErrorCode.INVALID_ORGANIZATION_ID,
                    "The organization-id header must be the organization's GUID."));
            return;
        }
        Optional<Channel> channel = channels.find(channelId);
        if (channel.isEmpty() || !authenticator.permits(token.get(), channel.get())) {
            request.abortWith(unauthorized());
            return;
        }
        // said only to a caller whose token may use the channel: a stranger learns nothing of which channels exist
        if (!channel.get().organizationId().equalsIgnoreCase(organizationId)) {
            request.abortWith(unauthorized(WRONG_ORGANIZATION_DETAIL));
        }
    }

    /**
     * The channel that these request headers authenticate, by the same checks as the filter; empty for any request
     * the filter refuses. For code that must know a request's channel before Jersey sees it (fault rules).
     */
    public Optional<Channel> authenticatedChannel(String authorization, String channelId, String organizationId) {
        Optional<String> token = bearerToken(authorization);
        if (token.isEmpty() || !Guids.isGuid(channelId) || !Guids.isGuid(organizationId)) {
            return Optional.empty();
        }
        return channels.find(channelId.toLowerCase(Locale.ROOT))
                .filter(channel -> channel.organizationId().equalsIgnoreCase(organizationId)
                        && authenticator.permits(token.get(), channel));
    }

    /** The bearer token of an {@code Authorization} header value, or empty. */
    public static Optional<String> bearerToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    private static jakarta.ws.rs.core.Response unauthorized() {
        return unauthorized(UNAUTHORIZED_DETAIL);
    }

    private static jakarta.ws.rs.core.Response unauthorized(String detail) {
        return jakarta.ws.rs.core.Response.fromResponse(ProblemResponses.of(401, "Unauthorized", detail))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    /** The consumer API and the emulator's control API need a channel; health and metrics do not. */
    static boolean isChannelPath(String path) {
        return path.startsWith("api/") || path.startsWith("emulator/");
    }
}
