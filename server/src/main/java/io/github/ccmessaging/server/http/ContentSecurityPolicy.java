package io.github.ccmessaging.server.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

/**
 * Pages served by the server run only scripts from the server itself: no inline script, no other origin, no plug-ins,
 * no framing. (Swagger UI sets inline styles and uses {@code data:} images, so those are allowed.)
 */
final class ContentSecurityPolicy implements ContainerResponseFilter {
    static final String HEADER = "Content-Security-Policy";
    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (path.equals("docs") || path.startsWith("docs/")) {
            response.getHeaders().putSingle(HEADER, POLICY);
            response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
        }
    }
}
