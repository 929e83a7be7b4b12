package dev.latch.tokens.control;

import dev.latch.audit.control.AuditTrail;
import dev.latch.platform.control.RequestInfo;
import dev.latch.tokens.entity.Token;
import dev.latch.tokens.entity.TokenKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * An API key used after its rotation grace ended is treated as leaked: its successors are revoked
 * too, and the audit log records the reuse with the revocations, so a stolen old key cannot stay
 * silent.
 */
@ApplicationScoped
public class KeyReuse {

    @PersistenceContext EntityManager em;

    @Inject Clock clock;

    @Inject AuditTrail audit;

    public static boolean isReuse(Token token, Instant now) {
        return token.kind() == TokenKind.SERVICE_KEY
                && token.replacedBy() != null
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
        audit.appendWithWork(
                new AuditTrail.Entry(
                        Optional.empty(),
                        "key.reuse_after_rotation",
                        "token:" + reused.id(),
                        401,
                        "token_revoked",
                        RequestInfo.none(),
                        "old key of "
                                + reused.name()
                                + " used after its grace; "
                                + revoked
                                + " successor key(s) revoked"));
    }
}
