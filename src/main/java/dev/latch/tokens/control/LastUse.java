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
 * Keeps {@code last_used_at} roughly current with at most one write per token, node and resolution.
 */
@ApplicationScoped
public class LastUse {

    private static final int FORGET_ABOVE = 10_000;

    private final Map<UUID, Instant> written = new ConcurrentHashMap<>();

    @PersistenceContext EntityManager em;

    @Inject
    @ConfigProperty(name = "latch.tokens.last-used-resolution")
    Duration resolution;

    /**
     * True when this node has not written the token's use within the resolution: no transaction
     * needed to ask.
     */
    public boolean isDue(UUID tokenId, Instant at) {
        Instant previous = written.get(tokenId);
        return previous == null || !previous.plus(resolution).isAfter(at);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(UUID tokenId, Instant at) {
        if (written.size() > FORGET_ABOVE) {
            written.values().removeIf(when -> when.plus(resolution).isBefore(at));
        }
        written.put(tokenId, at);
        em.createQuery("update Token t set t.lastUsedAt = :at where t.id = :id")
                .setParameter("at", at)
                .setParameter("id", tokenId)
                .executeUpdate();
    }
}
