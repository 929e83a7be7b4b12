package dev.latch.audit.control;

import dev.latch.audit.entity.AuditEvent;
import dev.latch.audit.entity.Outcome;
import dev.latch.platform.control.AdvisoryLock;
import dev.latch.platform.control.RequestInfo;
import dev.latch.security.control.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Appends events to the chain, each in its own transaction so it survives the rollback of the work
 * it records.
 */
@ApplicationScoped
public class AuditTrail {

    private static final int VERIFY_BATCH = 1000;

    /** What happened, by whom; the trail adds the time and the chain. */
    public record Entry(
            Optional<Caller> caller,
            String action,
            String target,
            int status,
            String code,
            RequestInfo request,
            String detail) {}

    /** The answer of {@code GET /api/v1/audit/verify}. */
    public record Verification(boolean ok, long checked, Long firstBadId) {}

    @PersistenceContext EntityManager em;

    @Inject Clock clock;

    /** In a transaction of its own: the event stays even when the work it records rolls back. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void append(Entry entry) {
        chain(entry);
    }

    /**
     * Within the caller's transaction: the event commits or rolls back with the work it records.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendWithWork(Entry entry) {
        chain(entry);
    }

    /** True once an event with this action was ever recorded. */
    public boolean hasRecorded(String action) {
        return !em.createQuery("select e.id from AuditEvent e where e.action = :action", Long.class)
                .setParameter("action", action)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    private void chain(Entry entry) {
        AdvisoryLock.AUDIT_CHAIN.acquire(em);
        String prev =
                em.createQuery("select e.hash from AuditEvent e order by e.id desc", String.class)
                        .setMaxResults(1)
                        .getResultStream()
                        .findFirst()
                        .orElse(AuditChain.GENESIS);
        long id =
                ((Number)
                                em.createNativeQuery("select nextval('audit_event_seq')")
                                        .getSingleResult())
                        .longValue();
        AuditEvent event =
                new AuditEvent(
                        id,
                        clock.instant(),
                        entry.caller().map(Caller::identity).orElse(null),
                        entry.caller().map(Caller::tokenId).orElse(null),
                        entry.action(),
                        clip(entry.target(), 200),
                        Outcome.ofStatus(entry.status()).wireName(),
                        entry.status(),
                        entry.code(),
                        entry.request().sourceIp(),
                        entry.request().userAgent(),
                        entry.request().requestId(),
                        clip(entry.detail(), 1000));
        event.chainAfter(prev, AuditChain.hash(event, prev));
        em.persist(event);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Verification verify() {
        AuditChain.Verifier verifier = new AuditChain.Verifier();
        long after = Long.MIN_VALUE;
        List<AuditEvent> batch;
        do {
            batch =
                    em.createQuery(
                                    "select e from AuditEvent e where e.id > :after order by e.id",
                                    AuditEvent.class)
                            .setParameter("after", after)
                            .setMaxResults(VERIFY_BATCH)
                            .getResultList();
            batch.forEach(verifier::accept);
            if (!batch.isEmpty()) {
                after = batch.get(batch.size() - 1).id();
            }
            em.clear();
        } while (batch.size() == VERIFY_BATCH && verifier.ok());
        return new Verification(verifier.ok(), verifier.checked(), verifier.firstBadId());
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
