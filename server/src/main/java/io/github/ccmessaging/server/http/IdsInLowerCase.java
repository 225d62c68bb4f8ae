package io.github.ccmessaging.server.http;

import io.github.ccmessaging.server.channel.Guids;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.util.Locale;

/**
 * The one place where ids are normalised: GUIDs compare in any letter case, and the server keeps them in lower case.
 * Before a request is matched, the {@code channel-id} and {@code organization-id} headers and every GUID segment of
 * the path are put in lower case, so that no resource, filter or store ever lower-cases an id again.
 */
@PreMatching
@Priority(1)
final class IdsInLowerCase implements ContainerRequestFilter {
    static final String[] ID_HEADERS = {"channel-id", "organization-id"};

    @Override
    public void filter(ContainerRequestContext request) {
        for (String header : ID_HEADERS) {
            String value = request.getHeaderString(header);
            if (hasUpperCase(value) && Guids.isGuid(value)) {
                request.getHeaders().putSingle(header, value.toLowerCase(Locale.ROOT));
            }
        }
        URI uri = request.getUriInfo().getRequestUri();
        String path = uri.getRawPath();
        if (hasUpperCase(path)) {
            String lowered = lowerCaseGuidSegments(path);
            if (!lowered.equals(path)) {
                request.setRequestUri(request.getUriInfo().getBaseUri(),
                        UriBuilder.fromUri(uri).replacePath(lowered).build());
            }
        }
    }

    /** {@code path} with each segment that is a GUID in lower case; other segments as they are. */
    static String lowerCaseGuidSegments(String path) {
        StringBuilder result = new StringBuilder(path.length());
        int start = 0;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            String segment = path.substring(start, end);
            result.append(Guids.isGuid(segment) ? segment.toLowerCase(Locale.ROOT) : segment);
            if (end < path.length()) {
                result.append('/');
            }
            start = end + 1;
        }
        return result.toString();
    }

    private static boolean hasUpperCase(String value) {
        if (value == null) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 'A' && c <= 'F') {
                return true;
            }
        }
        return false;
    }
}
