package io.github.ccmessaging.server.webhook;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Makes single POST attempts without blocking the calling thread; every attempt ends within the timeout. */
final class WebhookSender {
    private final Executor httpExecutor;
    private volatile HttpClient client;
    private final Duration timeout;
    private final ScheduledExecutorService deadlines;
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();

    WebhookSender(Duration timeout, Executor httpExecutor, ScheduledExecutorService deadlines) {
        this.httpExecutor = httpExecutor;
        this.timeout = timeout;
        this.deadlines = deadlines;
    }

    // Built on the first delivery: the JDK client loads some 400 classes, which a server without webhooks never needs.
    private HttpClient client() {
        HttpClient built = client;
        if (built == null) {
            synchronized (this) {
                built = client;
                if (built == null) {
                    built = HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(timeout)
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .executor(httpExecutor)
                            .build();
                    client = built;
                }
            }
        }
        return built;
    }

    /** Never completes exceptionally: failures become an {@link AttemptResult}. */
    CompletableFuture<AttemptResult> send(HttpRequest request) {
        CompletableFuture<HttpResponse<Void>> response;
        try {
            response = client().sendAsync(request, HttpResponse.BodyHandlers.discarding());
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(AttemptResult.ofFailure(e, timeout));
        }
        inFlight.add(response);
        // The request timeout only covers the response headers; this deadline also covers the body.
        ScheduledFuture<?> deadline =
                deadlines.schedule(() -> response.cancel(true), timeout.toNanos(), TimeUnit.NANOSECONDS);
        return response.handle((r, failure) -> {
            deadline.cancel(false);
            inFlight.remove(response);
            return failure == null ? AttemptResult.ofStatus(r.statusCode()) : AttemptResult.ofFailure(failure, timeout);
        });
    }

    /** Aborts every attempt still running. */
    void cancelAll() {
        inFlight.forEach(f -> f.cancel(true));
    }
}
