package io.github.ccmessaging.server.http;

import java.util.concurrent.Executor;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.RequestExecutorProvider;
import org.glassfish.grizzly.http.server.Response;

/**
 * Runs the application (Jersey) for a request on the thread that suits it. With {@code postsInPlace}, a POST whose
 * whole body has arrived (its answer is small) is served on the selector thread that read it — no hand-off to a
 * request thread — for applications whose store never waits; anything else goes to the request threads, since a
 * selector thread waiting for a slow reader of a large answer would hold up every connection it serves. Bodies arrive
 * whole ({@link WholeBodies}), which has already answered an {@code Expect: 100-continue}.
 */
public final class SelectorThreadHandler extends HttpHandler {
    private static final RequestExecutorProvider REQUEST_THREADS = new RequestExecutorProvider.WorkerThreadProvider();
    private final HttpHandler jersey;
    private final RequestExecutorProvider executors;

    public SelectorThreadHandler(HttpHandler jersey, boolean postsInPlace) {
        this.jersey = jersey;
        this.executors = postsInPlace ? SelectorThreadHandler::postsInPlace : REQUEST_THREADS;
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        jersey.service(request, response);
    }

    @Override
    public RequestExecutorProvider getRequestExecutorProvider() {
        return executors;
    }

    @Override
    public boolean sendAcknowledgment(Request request, Response response) throws java.io.IOException {
        return request.getAttribute(WholeBodies.ACKNOWLEDGED) != null || super.sendAcknowledgment(request, response);
    }

    /** @return null to serve on this thread */
    private static Executor postsInPlace(Request request) {
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
