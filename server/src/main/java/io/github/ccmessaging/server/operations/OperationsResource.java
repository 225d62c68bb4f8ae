package io.github.ccmessaging.server.operations;

import io.github.ccmessaging.server.api.OperationsApi;
import io.github.ccmessaging.server.model.Health;
import io.github.ccmessaging.server.model.HealthStatus;
import io.github.ccmessaging.server.store.ConversationStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;

/** {@code GET /health} and {@code GET /metrics}; no token needed. The class path repeats the generated one. */
@Singleton
@Path(OperationsResource.PATH)
public final class OperationsResource implements OperationsApi {
    static final String PATH = "";

    private final StoreProbe store;
    private final PrometheusMeterRegistry registry;

    @Inject
    public OperationsResource(ConversationStore store, PrometheusMeterRegistry registry) {
        this.store = new StoreProbe(store);
        this.registry = registry;
    }

    /** Answers within {@link StoreProbe#WAIT} whatever the store does; the store's own log lines say more. */
    @Override
    public Health getHealth() {
        Optional<String> problem = store.problem();
        HealthStatus storeStatus = problem.isEmpty() ? HealthStatus.UP : HealthStatus.DOWN;
        Health health = new Health()
                .status(storeStatus)
                .liveness(HealthStatus.UP)
                .readiness(storeStatus)
                .checks(Map.of("store", storeStatus));
        if (problem.isPresent()) {
            health.details(Map.of("store", problem.get()));
            throw new WebApplicationException(Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .type(MediaType.APPLICATION_JSON_TYPE).entity(health).build());
        }
        return health;
    }

    @Override
    public String getMetrics() {
        return registry.scrape();
    }
}
