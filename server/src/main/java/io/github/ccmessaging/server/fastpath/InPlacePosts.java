package io.github.ccmessaging.server.fastpath;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.RequestExecutorProvider;

/**
 * Serves a POST whose whole body has arrived on the selector thread that read it, with no hand-off to a request thread
 * (its answer is small, and the store it goes to never waits); anything else — a body still arriving, a GET whose answer
 * may be large and read slowly — goes to the request threads, since a selector thread held up by one client would hold
 * up every connection it serves.
 */
final class InPlacePosts implements RequestExecutorProvider {
    private final RequestExecutorProvider requestThreads;
    private final LongAdder served;

    InPlacePosts(RequestExecutorProvider requestThreads, LongAdder served) {
        this.requestThreads = requestThreads;
        this.served = served;
    }

    /** @return null to serve on this thread */
    @Override
    public Executor getExecutor(Request request) {
        if (request.getMethod() == Method.POST && request.getInputBuffer().isFinished()) {
            served.increment();
            return null;
        }
        return requestThreads.getExecutor(request);
    }
}
