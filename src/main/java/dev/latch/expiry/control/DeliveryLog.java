package dev.latch.expiry.control;

import dev.latch.expiry.entity.WebhookDelivery;
import dev.latch.platform.control.KeysetQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.UUID;

/** The webhook deliveries, newest first, optionally of one status or one credential. */
@ApplicationScoped
public class DeliveryLog {

    @PersistenceContext EntityManager em;

    /** Up to {@code limit + 1} deliveries, so the caller can tell whether another page exists. */
    public List<WebhookDelivery> page(String status, UUID credentialId, String cursor, int limit) {
        return KeysetQuery.from(em, WebhookDelivery.class, "d")
                .where("d.status = :status", "status", status)
                .where("d.credentialId = :credential", "credential", credentialId)
                .page("d.createdAt", "d.id", cursor, limit);
    }
}
