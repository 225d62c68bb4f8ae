package io.github.ccmessaging.server.http;

import java.util.concurrent.Executor;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.RequestExecutorProvider;
import org.glassfish.grizzly.http.server.Response;

/**
 * Serves a request on the selector thread that read it — no hand-off to a request thread — when nothing in it can
 * block: a POST whose whole body has arrived (its answer is small). Anything else goes to the request threads, since
 * a selector thread waiting for the rest of a slow body, or for a slow reader of a large answer, would hold up every
 * connection it serves. For applications whose store never waits.
 */
public final class SelectorThreadHandler extends HttpHandler {
    private static final RequestExecutorProvider REQUEST_THREADS = new RequestExecutorProvider.WorkerThreadProvider();
    private static final RequestExecutorProvider SAFE_HERE = SelectorThreadHandler::executorFor;
    private final HttpHandler jersey;

    public SelectorThreadHandler(HttpHandler jersey) {
        this.jersey = jersey;
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        jersey.service(request, response);
    }

    @Override
    public RequestExecutorProvider getRequestExecutorProvider() {
        return SAFE_HERE;
    }

    /** @return null to serve on this thread */
    private static Executor executorFor(Request request) {
        if (request.getMethod() == Method.POST && request.getInputBuffer().isFinished()) {
            return null;
        }
        return REQUEST_THREADS.getExecutor(request);
    }

    @Override
    public void start() {
        jersey.start();
    }

    @Override
    public void destroy() {
        jersey.destroy();
    }
}
