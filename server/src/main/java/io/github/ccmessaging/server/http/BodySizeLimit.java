package io.github.ccmessaging.server.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses bodies above the limit with 413: at once when {@code Content-Length} says so, otherwise as soon as the
 * stream passes the limit while it is read — the oversized body is never held in memory.
 */
@PreMatching
@Priority(1)
final class BodySizeLimit implements ContainerRequestFilter {
    private final long maxBytes;

    BodySizeLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > maxBytes) {
            request.abortWith(tooLarge(maxBytes));
            return;
        }
        request.setEntityStream(new LimitedStream(request.getEntityStream(), maxBytes));
    }

    private static jakarta.ws.rs.core.Response tooLarge(long maxBytes) {
        return ProblemResponses.of(413, "Payload Too Large",
                "The request body is larger than " + maxBytes + " bytes.");
    }

    private static final class LimitedStream extends FilterInputStream {
        private final long maxBytes;
        private long read;

        LimitedStream(InputStream in, long maxBytes) {
            super(in);
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > maxBytes) {
                throw new WebApplicationException(tooLarge(maxBytes));
            }
        }
    }
}
