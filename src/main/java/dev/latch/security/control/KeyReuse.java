package dev.latch.security.control;

import dev.latch.security.entity.Token;
import dev.latch.security.entity.TokenKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * An API key used after its rotation grace ended is treated as leaked: its successors are revoked
 * too, and the reuse is announced (the audit log records it), so a stolen old key cannot stay silent.
 */
@ApplicationScoped
public class KeyReuse {

    /** What the audit log records: the reused key, and how many successors it cost. */
    public record Detected(UUID reusedKey, String name, int successorsRevoked) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Event<Detected> detected;

    public static boolean isReuse(Token token, Instant now) {
        return token.kind() == TokenKind.SERVICE_KEY && token.replacedBy() != null
                && token.statusAt(now) != Token.Status.ACTIVE;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void revokeSuccessors(Token reused) {
        Instant now = clock.instant();
        int revoked = 0;
        for (UUID next = reused.replacedBy(); next != null; ) {
            Token successor = em.find(Token.class, next);
            if (successor == null) {
                break;
            }
            if (successor.revokedAt() == null) {
                successor.revoke("latch:key-reuse", now);
                revoked++;
            }
            next = successor.replacedBy();
        }
        detected.fire(new Detected(reused.id(), reused.name(), revoked));
    }
}
