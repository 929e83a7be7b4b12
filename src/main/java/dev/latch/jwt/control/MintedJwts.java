package dev.latch.jwt.control;

import dev.latch.audit.control.AuditContext;
import dev.latch.jwt.entity.MintedJwt;
import dev.latch.platform.control.KeysetQuery;
import dev.latch.platform.control.LatchException;
import dev.latch.security.control.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The record of signed JWTs: listed newest first, revoked by jti. */
@ApplicationScoped
public class MintedJwts {

    @PersistenceContext EntityManager em;

    @Inject Clock clock;

    @Inject AuditContext audit;

    /** Up to {@code limit + 1} records, so the caller can tell whether another page exists. */
    public List<MintedJwt> page(String cursor, int limit) {
        return KeysetQuery.from(em, MintedJwt.class, "m")
                .page("m.issuedAt", "m.jti", cursor, limit);
    }

    /** pangolin {@code revoke-token-by-id} for a session: its owner may, and an admin may. */
    public Optional<MintedJwt> revokeSession(Caller caller, UUID jti) {
        MintedJwt session = em.find(MintedJwt.class, jti);
        if (session == null || !session.kind().equals("session")) {
            return Optional.empty();
        }
        audit.target("session:" + jti);
        if (!jti.equals(caller.tokenId())
                && !session.ownerId().equals(caller.userId())
                && !caller.permissions().isAdmin()) {
            throw LatchException.permissionDenied(
                    "Only its owner or an admin may revoke a session");
        }
        session.revoke(caller.identity(), clock.instant());
        return Optional.of(session);
    }

    public MintedJwt revoke(Caller caller, UUID jti) {
        audit.target("jwt:" + jti);
        MintedJwt record = em.find(MintedJwt.class, jti);
        if (record == null) {
            throw LatchException.notFound("No JWT with jti " + jti);
        }
        record.revoke(caller.identity(), clock.instant());
        return record;
    }
}
