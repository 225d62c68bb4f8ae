package io.github.ccmessaging.server.operations;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.glassfish.jersey.server.monitoring.ApplicationEvent;
import org.glassfish.jersey.server.monitoring.ApplicationEventListener;
import org.glassfish.jersey.server.monitoring.RequestEvent;
import org.glassfish.jersey.server.monitoring.RequestEventListener;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * Times every request as {@code http.server.requests}, tagged like Jersey's Micrometer listener (method, route
 * template, status, outcome, exception), never with the raw path. The tags of a route, status and exception are worked
 * out once and their timer kept: Jersey's own listener builds them again on every request, which the profiles showed
 * as a few per cent of the CPU.
 */
final class RequestMetrics implements ApplicationEventListener {
    private final MeterRegistry registry;
    private final ConcurrentMap<Key, Timer> timers = new ConcurrentHashMap<>();

    private record Key(String method, ResourceMethod route, int status, Class<?> exception) {
    }

    RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onEvent(ApplicationEvent event) {
    }

    @Override
    public RequestEventListener onRequest(RequestEvent start) {
        long startedAt = System.nanoTime();
        return event -> {
            if (event.getType() == RequestEvent.Type.FINISHED) {
                timerOf(event).record(System.nanoTime() - startedAt, TimeUnit.NANOSECONDS);
            }
        };
    }

    private Timer timerOf(RequestEvent event) {
        ContainerResponse response = event.getContainerResponse();
        int status = response == null ? Response.Status.INTERNAL_SERVER_ERROR.getStatusCode() : response.getStatus();
        Key key = new Key(event.getContainerRequest().getMethod(), event.getUriInfo().getMatchedResourceMethod(), status,
                exceptionOf(event, status));
        Timer timer = timers.get(key);
        return timer != null ? timer : timers.computeIfAbsent(key, k -> register(k, event.getUriInfo()));
    }

    /** As Jersey's listener: none for a 404 or a redirection, else the cause of the exception when it has one. */
    private static Class<?> exceptionOf(RequestEvent event, int status) {
        Throwable exception = event.getException();
        if (exception == null || status == 404 || status / 100 == 3) {
            return null;
        }
        return (exception.getCause() != null ? exception.getCause() : exception).getClass();
    }

    private Timer register(Key key, ExtendedUriInfo uri) {
        return Timer.builder(Metrics.HTTP_REQUESTS)
                .tags(Tags.of("method", key.method(), "uri", route(key, uri), "status", Integer.toString(key.status()),
                        "outcome", Outcome.forStatus(key.status()).name(),
                        "exception", key.exception() == null ? "None" : key.exception().getSimpleName()))
                .register(registry);
    }

    /** The matched route template, e.g. {@code /api/v1.0/consumer/conversation/{conversationId}}. */
    private static String route(Key key, ExtendedUriInfo uri) {
        if (key.route() == null) {
            return key.status() == 404 ? "NOT_FOUND" : key.status() / 100 == 3 ? "REDIRECTION" : "UNKNOWN";
        }
        List<UriTemplate> templates = uri.getMatchedTemplates();
        StringBuilder route = new StringBuilder();
        for (int i = templates.size() - 1; i >= 0; i--) {
            route.append(templates.get(i).getTemplate());
        }
        String path = route.toString().replaceAll("/{2,}", "/");
        return path.isEmpty() ? "root" : path;
    }
}
