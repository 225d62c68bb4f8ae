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
 * Before a request is matched, the {@code channel-id} and {@code organization-id} headers, every GUID segment of the
 * path and every GUID value of the query (a continuation token, a journal filter) are put in lower case, so that no
 * resource, filter or store ever lower-cases an id again. (The fault rules run before Jersey and lower-case the channel
 * id they match on themselves.)
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
        String query = uri.getRawQuery();
        String loweredPath = hasUpperCase(path) ? lowerCaseGuidSegments(path) : path;
        String loweredQuery = hasUpperCase(query) ? lowerCaseGuidValues(query) : query;
        if (!loweredPath.equals(path) || (query != null && !loweredQuery.equals(query))) {
            request.setRequestUri(request.getUriInfo().getBaseUri(),
                    UriBuilder.fromUri(uri).replacePath(loweredPath).replaceQuery(loweredQuery).build());
        }
    }

    /** {@code query} (raw, {@code a=b&c=d}) with each value that is a GUID in lower case; the rest as it is. */
    static String lowerCaseGuidValues(String query) {
        StringBuilder result = new StringBuilder(query.length());
        for (String pair : query.split("&", -1)) {
            if (!result.isEmpty()) {
                result.append('&');
            }
            int equals = pair.indexOf('=');
            String value = equals < 0 ? null : pair.substring(equals + 1);
            result.append(value != null && Guids.isGuid(value)
                    ? pair.substring(0, equals + 1) + value.toLowerCase(Locale.ROOT) : pair);
        }
        return result.toString();
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
