package dev.latch.expiry.control;

import dev.latch.expiry.entity.WebhookDelivery;
import dev.latch.platform.control.Meters;
import dev.latch.platform.control.Recent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code latch_webhook_deliveries{status}}: the deliveries in the log by status, for the whole
 * cluster. Alert on failed growing, or on pending that stays up (a receiver that is down).
 */
@ApplicationScoped
public class DeliveryFigures {

    @PersistenceContext EntityManager em;

    @Inject Meters meters;

    @Inject MeterRegistry registry;

    @PostConstruct
    void register() {
        Recent<Map<String, Long>> byStatus = meters.fromDatabase(this::count);
        for (String status :
                List.of(
                        WebhookDelivery.PENDING,
                        WebhookDelivery.DELIVERED,
                        WebhookDelivery.FAILED,
                        WebhookDelivery.CANCELLED)) {
            Gauge.builder(
                            "latch.webhook.deliveries",
                            () -> byStatus.gauge(counts -> counts.getOrDefault(status, 0L)))
                    .description("Webhook deliveries in the log, by status (cluster-wide)")
                    .tags("status", status)
                    .register(registry);
        }
    }

    /** Created at start, so the gauges are there from the first scrape. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {}

    private Map<String, Long> count() {
        Map<String, Long> counts = new HashMap<>();
        for (Object[] row :
                em.createQuery(
                                "select d.status, count(d) from WebhookDelivery d group by d.status",
                                Object[].class)
                        .getResultList()) {
            counts.put((String) row[0], (Long) row[1]);
        }
        return counts;
    }
}
