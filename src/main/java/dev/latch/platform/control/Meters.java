package dev.latch.platform.control;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Latch's own meters: one registry per node, read by {@code GET /api/v1/metrics} in Prometheus
 * text; each component registers what it knows.
 */
@ApplicationScoped
public class Meters {

    /**
     * The permission that reads them. Defined here, beside the endpoint, so the permission model
     * names it without platform depending on security.
     */
    public static final String READ_PERMISSION = "metrics.read";

    /** Singleton, not a normal scope: the registry has final methods a client proxy cannot wrap. */
    @Produces
    @Singleton
    PrometheusMeterRegistry registry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    void close(@Disposes PrometheusMeterRegistry registry) {
        registry.close();
    }
}
