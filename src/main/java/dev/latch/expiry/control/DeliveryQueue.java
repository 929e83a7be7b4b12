package dev.latch.expiry.control;

import dev.latch.expiry.entity.WebhookDelivery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The deliveries that are due, each claimed by one node at a time, and what came of each attempt.
 * Claiming commits before anything is sent: no transaction stays open across a receiver's answer.
 */
@ApplicationScoped
public class DeliveryQueue {

    /** Deliveries one claim takes; the sender claims again until none is due. */
    static final int BATCH = 10;

    @PersistenceContext EntityManager em;

    @Inject Clock clock;

    @Inject Webhooks webhooks;

    /** What a sender needs of a claimed delivery. */
    public record Claimed(UUID id, String url, String body, int attempt) {}

    /**
     * Up to {@link #BATCH} due deliveries, oldest due first, leased until the sender is surely done
     * with all of them. SKIP LOCKED: rows another node is claiming right now are its, not ours to
     * wait for.
     */
    @Transactional
    public List<Claimed> claim() {
        Instant now = clock.instant();
        // the batch is sent one after the other, each within connect + request timeout; the lease
        // outlasts the last of them with room for slow commits, or another node could send it too
        Instant leaseUntil =
                now.plus(webhooks.requestTimeout().multipliedBy(2L * BATCH)).plusSeconds(30);
        // a warning of a credential revoked or expired since is news to nobody: never sent
        em.createNativeQuery(
                        "update webhook_delivery d set status = 'cancelled', next_attempt_at ="
                                + " null, last_error = 'the credential was revoked or expired"
                                + " before delivery' where d.status = 'pending' and"
                                + " d.next_attempt_at <= ?1 and not exists (select 1 from token t"
                                + " where t.id = d.credential_id and t.revoked_at is null and"
                                + " t.expires_at > ?1) and not exists (select 1 from minted_jwt m"
                                + " where m.jti = d.credential_id and m.revoked_at is null and"
                                + " m.expires_at > ?1)")
                .setParameter(1, now)
                .executeUpdate();
        @SuppressWarnings("unchecked")
        List<WebhookDelivery> due =
                em.createNativeQuery(
                                "select * from webhook_delivery where status = 'pending'"
                                        + " and next_attempt_at <= ?1 order by next_attempt_at"
                                        + " limit ?2 for update skip locked",
                                WebhookDelivery.class)
                        .setParameter(1, now)
                        .setParameter(2, BATCH)
                        .getResultList();
        return due.stream()
                .map(
                        d -> {
                            d.claim(now, leaseUntil);
                            return new Claimed(d.id(), d.url(), d.body(), d.attempts());
                        })
                .toList();
    }

    /** The receiver answered 2xx. */
    @Transactional
    public void delivered(UUID id, int status) {
        em.find(WebhookDelivery.class, id).delivered(clock.instant(), status);
    }

    /**
     * The attempt failed: tried again after the schedule's delay, or failed for good. {@code
     * status} is null when the receiver did not answer.
     */
    @Transactional
    public void failed(UUID id, int attempt, Integer status, String error) {
        Instant retryAt = webhooks.retries().after(attempt).map(clock.instant()::plus).orElse(null);
        em.find(WebhookDelivery.class, id).attemptFailed(status, error, retryAt);
    }
}
