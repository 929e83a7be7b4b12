package dev.latch.platform.control;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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

    @Inject Clock clock;

    @Inject
    @ConfigProperty(name = "latch.metrics.database-max-age")
    Duration databaseMaxAge;

    /** Singleton, not a normal scope: the registry has final methods a client proxy cannot wrap. */
    @Produces
    @Singleton
    PrometheusMeterRegistry registry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    void close(@Disposes PrometheusMeterRegistry registry) {
        registry.close();
    }

    /** A figure the database answers, read again at most once per {@code database-max-age}. */
    public <T> Recent<T> fromDatabase(Supplier<T> read) {
        return new Recent<>(read, databaseMaxAge, clock);
    }
}
