package dev.latch.platform.control;

import jakarta.persistence.EntityManager;

/**
 * PostgreSQL advisory locks that coordinate the nodes of a cluster; each work item has its own key.
 */
public enum AdvisoryLock {
    AUDIT_CHAIN(0x4C41_0001L),
    TOKEN_SWEEP(0x4C41_0002L),
    BOOTSTRAP(0x4C41_0003L),
    SIGNING_KEYS(0x4C41_0004L),
    AUDIT_ARCHIVE(0x4C41_0005L),
    EXPIRY_WARNINGS(0x4C41_0006L);

    private final long key;

    AdvisoryLock(long key) {
        this.key = key;
    }

    /** Waits for the lock; it is released when the current transaction ends. */
    public void acquire(EntityManager em) {
        em.createNativeQuery("select 1 from pg_advisory_xact_lock(?1)")
                .setParameter(1, key)
                .getSingleResult();
    }

    /** Takes the lock if no other node holds it; released when the current transaction ends. */
    public boolean tryAcquire(EntityManager em) {
        return (Boolean)
                em.createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                        .setParameter(1, key)
                        .getSingleResult();
    }
}
