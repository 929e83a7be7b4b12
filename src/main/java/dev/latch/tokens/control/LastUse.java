package dev.latch.tokens.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps {@code last_used_at} roughly current off the request path: a use is noted in memory at most
 * once per token, node and resolution, and the notes are written together by a timer.
 */
@ApplicationScoped
public class LastUse {

    private static final int FORGET_ABOVE = 10_000;

    /** When this node last noted each token's use. */
    private final Map<UUID, Instant> noted = new ConcurrentHashMap<>();

    /** Noted and not yet written. */
    private final Map<UUID, Instant> pending = new ConcurrentHashMap<>();

    @PersistenceContext EntityManager em;

    @Inject
    @ConfigProperty(name = "latch.tokens.last-used-resolution")
    Duration resolution;

    /** A use of the token at {@code at}; no transaction, no I/O. */
    public void note(UUID tokenId, Instant at) {
        Instant previous = noted.get(tokenId);
        if (previous != null && previous.plus(resolution).isAfter(at)) {
            return;
        }
        if (noted.size() > FORGET_ABOVE) {
            noted.values().removeIf(when -> when.plus(resolution).isBefore(at));
        }
        noted.put(tokenId, at);
        pending.merge(tokenId, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** Writes what was noted since the last flush, in one transaction; the number written. */
    @Transactional
    public int flush() {
        int written = 0;
        for (UUID tokenId : pending.keySet()) {
            Instant at = pending.remove(tokenId);
            // another node may have written a later use already
            written +=
                    em.createQuery(
                                    "update Token t set t.lastUsedAt = :at where t.id = :id and"
                                            + " (t.lastUsedAt is null or t.lastUsedAt < :at)")
                            .setParameter("at", at)
                            .setParameter("id", tokenId)
                            .executeUpdate();
        }
        return written;
    }
}
