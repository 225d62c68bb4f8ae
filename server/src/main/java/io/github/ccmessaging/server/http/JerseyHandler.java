package io.github.ccmessaging.server.http;

import java.io.IOException;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.RequestExecutorProvider;
import org.glassfish.grizzly.http.server.Response;

/**
 * Jersey's Grizzly handler as the server runs it behind {@link WholeBodies}: on the threads that {@code executors}
 * chooses for each request (request threads, or the selector thread itself for the fast path), and without
 * acknowledging an {@code Expect: 100-continue} that {@link WholeBodies} has already answered.
 */
public final class JerseyHandler extends HttpHandler {
    private final HttpHandler jersey;
    private final RequestExecutorProvider executors;

    public JerseyHandler(HttpHandler jersey, RequestExecutorProvider executors) {
        this.jersey = jersey;
        this.executors = executors;
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
    public boolean sendAcknowledgment(Request request, Response response) throws IOException {
        return request.getAttribute(WholeBodies.ACKNOWLEDGED) != null || super.sendAcknowledgment(request, response);
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
