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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /health} and {@code GET /metrics}; no token needed. The class path repeats the generated one. */
@Singleton
@Path(OperationsResource.PATH)
public final class OperationsResource implements OperationsApi {
    static final String PATH = "";
    private static final Logger LOG = LoggerFactory.getLogger(OperationsResource.class);

    private final ConversationStore store;
    private final PrometheusMeterRegistry registry;

    @Inject
    public OperationsResource(ConversationStore store, PrometheusMeterRegistry registry) {
        this.store = store;
        this.registry = registry;
    }

    @Override
    public Health getHealth() {
        HealthStatus storeStatus = storeStatus();
        Health health = new Health()
                .status(storeStatus)
                .liveness(HealthStatus.UP)
                .readiness(storeStatus)
                .checks(Map.of("store", storeStatus));
        if (storeStatus == HealthStatus.DOWN) {
            throw new WebApplicationException(Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .type(MediaType.APPLICATION_JSON_TYPE).entity(health).build());
        }
        return health;
    }

    private HealthStatus storeStatus() {
        try {
            store.checkHealth();
            return HealthStatus.UP;
        } catch (RuntimeException e) {
            LOG.warn("Store health check failed: {}", e.toString());
            return HealthStatus.DOWN;
        }
    }

    @Override
    public String getMetrics() {
        return registry.scrape();
    }
}
