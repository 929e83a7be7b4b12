package dev.latch.tokens.control;

import dev.latch.platform.control.AdvisoryLock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Expired tokens give up their names; tokens expired, revoked or used up longer than the retention
 * are purged, and so are the records of expired JWTs and old failed logins. One node works at a
 * time; the others skip the run.
 */
@ApplicationScoped
public class ExpirySweep {

    private static final System.Logger LOG = System.getLogger(ExpirySweep.class.getName());

    @PersistenceContext EntityManager em;

    @Inject Clock clock;

    @Inject
    @ConfigProperty(name = "latch.tokens.purge-after")
    Duration purgeAfter;

    @Transactional
    public void run() {
        if (!AdvisoryLock.TOKEN_SWEEP.tryAcquire(em)) {
            return;
        }
        Instant now = clock.instant();
        int released =
                em.createQuery(
                                "update Token t set t.holdsName = false where t.holdsName = true and t.expiresAt <= :now")
                        .setParameter("now", now)
                        .executeUpdate();
        Instant horizon = now.minus(purgeAfter);
        int purged =
                em.createQuery(
                                "delete from Token t where t.expiresAt < :horizon or t.revokedAt < :horizon"
                                        + " or (t.maxUses is not null and t.uses >= t.maxUses and t.usedAt < :horizon)")
                        .setParameter("horizon", horizon)
                        .executeUpdate();
        // the records of JWTs and failed logins age out with the same retention
        purged +=
                em.createQuery("delete from MintedJwt m where m.expiresAt < :horizon")
                        .setParameter("horizon", horizon)
                        .executeUpdate();
        int failures =
                em.createNativeQuery("delete from login_failure where at < ?1")
                        .setParameter(1, horizon)
                        .executeUpdate();
        if (released + purged + failures > 0) {
            LOG.log(
                    System.Logger.Level.INFO,
                    "Expiry sweep: {0} expired, {1} purged, {2} old login failures removed",
                    released,
                    purged,
                    failures);
        }
    }
}
