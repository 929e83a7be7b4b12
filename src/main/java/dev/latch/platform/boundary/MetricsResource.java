package dev.latch.platform.boundary;

import dev.latch.platform.control.Meters;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/**
 * Latch's own figures in Prometheus text exposition (0.0.4): this node's counters and timers, and
 * gauges read from the database (README, "Metrics").
 */
@Path("v1/metrics")
@RequestScoped
public class MetricsResource {

    @Inject PrometheusMeterRegistry registry;

    /** The media type of what {@code scrape()} writes, the text format every Prometheus reads. */
    static final String TEXT_004 = "text/plain; version=0.0.4; charset=utf-8";

    @GET
    @Produces(TEXT_004)
    @RolesAllowed(Meters.READ_PERMISSION)
    public String scrape() {
        return registry.scrape();
    }
}
