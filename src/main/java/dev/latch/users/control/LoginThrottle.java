package dev.latch.users.control;

import dev.latch.platform.control.RateLimited;
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
 * Repeated failed logins, per username and per source address, within a sliding window. The
 * failures are rows in the database, so every node of a cluster sees the same count.
 */
@ApplicationScoped
public class LoginThrottle {

    @PersistenceContext EntityManager em;

    @Inject Clock clock;

    @Inject
    @ConfigProperty(name = "latch.login.failure-window")
    Duration window;

    @Inject
    @ConfigProperty(name = "latch.login.max-failures-per-user")
    int maxPerUser;

    @Inject
    @ConfigProperty(name = "latch.login.max-failures-per-source")
    int maxPerSource;

    /**
     * Refuses with 429 when either count has reached its limit; Retry-After is when the oldest
     * failure ages out.
     */
    public void check(String username, String sourceIp) {
        Instant now = clock.instant();
        Instant since = now.minus(window);
        limit("username", username, maxPerUser, since, now);
        limit("sourceIp", sourceIp, maxPerSource, since, now);
    }

    /** In its own transaction: a failure counts even though the login itself fails. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void fail(String username, String sourceIp) {
        Instant now = clock.instant();
        em.createNativeQuery(
                        "insert into login_failure (username, source_ip, at) values (?1, ?2, ?3)")
                .setParameter(1, username)
                .setParameter(2, sourceIp)
                .setParameter(3, now)
                .executeUpdate();
        em.createNativeQuery("delete from login_failure where username = ?1 and at < ?2")
                .setParameter(1, username)
                .setParameter(2, now.minus(window))
                .executeUpdate();
    }

    /** A successful login clears the user's failures (not the source's). */
    public void succeed(String username) {
        em.createNativeQuery("delete from login_failure where username = ?1")
                .setParameter(1, username)
                .executeUpdate();
    }

    private void limit(String column, String value, int max, Instant since, Instant now) {
        String where = column.equals("username") ? "username" : "source_ip";
        Object oldest =
                em.createNativeQuery(
                                "select min(at) from (select at from login_failure where "
                                        + where
                                        + " = ?1 and at >= ?2 order by at desc limit ?3) recent having count(*) >= ?3")
                        .setParameter(1, value)
                        .setParameter(2, since)
                        .setParameter(3, max)
                        .getResultStream()
                        .findFirst()
                        .orElse(null);
        if (oldest != null) {
            Instant retry = toInstant(oldest).plus(window);
            throw new RateLimited(
                    "Too many failed logins; try again later", Duration.between(now, retry));
        }
    }

    private static Instant toInstant(Object value) {
        return value instanceof Instant i
                ? i
                : value instanceof java.sql.Timestamp t
                        ? t.toInstant()
                        : value instanceof java.time.OffsetDateTime o
                                ? o.toInstant()
                                : Instant.parse(value.toString());
    }
}
