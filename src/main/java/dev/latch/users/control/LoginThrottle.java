package dev.latch.users.control;

import dev.latch.platform.control.RateLimited;
import dev.latch.users.entity.AppUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Password guesses, throttled per (username, source) and per source with growing delays, so a flood
 * from one address neither gets far nor locks the real user out from another. Every attempt is
 * recorded as a failure before the password is checked, under a lock on the username, so parallel
 * guesses cannot slip past the count; a success clears its own record. The rows live in the
 * database: every node sees the same count.
 */
@ApplicationScoped
public class LoginThrottle {

    @PersistenceContext EntityManager em;

    @Inject Clock clock;

    @Inject
    @ConfigProperty(name = "latch.login.failure-window")
    Duration window;

    @Inject
    @ConfigProperty(name = "latch.login.first-delay")
    Duration firstDelay;

    @Inject
    @ConfigProperty(name = "latch.login.max-failures-per-user-and-source")
    int maxPerUserAndSource;

    @Inject
    @ConfigProperty(name = "latch.login.max-failures-per-source")
    int maxPerSource;

    /**
     * Takes one attempt for {@code username} from {@code sourceIp} (429 when throttled) and answers
     * whom it is for: a short transaction of its own, so no connection is held while the password
     * is hashed.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<AppUser> attempt(String username, String sourceIp) {
        em.createNativeQuery("select 1 from pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, "login:" + username)
                .getSingleResult();
        Instant now = clock.instant();
        limit(
                "username = ?1 and source_ip = ?2",
                List.of(username, sourceIp),
                maxPerUserAndSource,
                now);
        limit("source_ip = ?1", List.of(sourceIp), maxPerSource, now);
        em.createNativeQuery(
                        "insert into login_failure (username, source_ip, at) values (?1, ?2, ?3)")
                .setParameter(1, username)
                .setParameter(2, sourceIp)
                .setParameter(3, now)
                .executeUpdate();
        return em.createNamedQuery(AppUser.BY_USERNAME, AppUser.class)
                .setParameter("username", username)
                .getResultStream()
                .findFirst();
    }

    /** The password was right: this user's attempts from this source are forgotten. */
    public void succeed(String username, String sourceIp) {
        em.createNativeQuery("delete from login_failure where username = ?1 and source_ip = ?2")
                .setParameter(1, username)
                .setParameter(2, sourceIp)
                .executeUpdate();
    }

    /**
     * Up to {@code max} failures within the window pass; beyond, each further attempt waits a delay
     * that doubles with every failure (from first-delay, at most the window) after the latest one.
     */
    private void limit(String where, List<String> values, int max, Instant now) {
        int since = values.size() + 1;
        var query =
                em.createNativeQuery(
                        "select count(*), max(at) from login_failure where "
                                + where
                                + " and at > ?"
                                + since);
        for (int i = 0; i < values.size(); i++) {
            query.setParameter(i + 1, values.get(i));
        }
        Object[] row = (Object[]) query.setParameter(since, now.minus(window)).getSingleResult();
        long failures = ((Number) row[0]).longValue();
        if (failures < max) {
            return;
        }
        int doublings = (int) Math.min(30, failures - max);
        Duration delay = firstDelay.multipliedBy(1L << doublings);
        Instant retry = toInstant(row[1]).plus(delay.compareTo(window) > 0 ? window : delay);
        if (now.isBefore(retry)) {
            throw new RateLimited(
                    "Too many failed attempts; try again later", Duration.between(now, retry));
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
