package dev.latch.jwt.control;

import dev.latch.audit.control.AuditContext;
import dev.latch.jwt.entity.MintedJwt;
import dev.latch.platform.control.KeysetQuery;
import dev.latch.platform.control.LatchException;
import dev.latch.security.control.Caller;
import dev.latch.security.control.Coverage;
import dev.latch.security.control.LastUseFilter;
import dev.latch.security.entity.Permission;
import dev.latch.security.entity.Permissions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The record of signed JWTs: listed newest first, revoked by jti. */
@ApplicationScoped
public class MintedJwts {

    @PersistenceContext EntityManager em;

    @Inject Clock clock;

    @Inject AuditContext audit;

    @Inject
    @ConfigProperty(name = "latch.jwt.audience")
    String latchAudience;

    /**
     * Up to {@code limit + 1} records, so the caller can tell whether another page exists. Sessions
     * are shown to their owner and to admins only: a session's jti is enough to end it.
     */
    public List<MintedJwt> page(Caller caller, LastUseFilter usage, String cursor, int limit) {
        KeysetQuery<MintedJwt> query =
                sessionsVisibleTo(caller, KeysetQuery.from(em, MintedJwt.class, "m"), "m");
        return usage.page(query, "m", "jti", clock.instant(), cursor, limit);
    }

    /**
     * Limits a query of records aliased {@code m} to what the caller may see: sessions to their
     * owner and to admins only, every other kind to all.
     */
    public static KeysetQuery<MintedJwt> sessionsVisibleTo(
            Caller caller, KeysetQuery<MintedJwt> query, String m) {
        if (caller.permissions().isAdmin()) {
            return query;
        }
        return caller.userId() == null
                ? query.where(m + ".kind <> 'session'")
                : query.where(
                        m + ".kind <> 'session' or " + m + ".ownerId = :me", "me", caller.userId());
    }

    /** A record the caller may see: sessions by their owner and admins only, as in the list. */
    public Optional<MintedJwt> visible(Caller caller, UUID jti) {
        return Optional.ofNullable(em.find(MintedJwt.class, jti))
                .filter(
                        m ->
                                !m.kind().equals("session")
                                        || caller.permissions().isAdmin()
                                        || m.ownerId() != null
                                                && m.ownerId().equals(caller.userId()));
    }

    /** pangolin {@code revoke-token-by-id} for a session: its owner, or a caller that covers it. */
    public Optional<MintedJwt> revokeSession(Caller caller, UUID jti) {
        MintedJwt session = em.find(MintedJwt.class, jti);
        if (session == null || !session.kind().equals("session")) {
            return Optional.empty();
        }
        audit.target("session:" + jti);
        mayActOn(caller, session);
        audit.detail("revoked session of " + session.sub());
        session.revoke(caller.identity(), clock.instant());
        return Optional.of(session);
    }

    public MintedJwt revoke(Caller caller, UUID jti) {
        audit.target("jwt:" + jti);
        MintedJwt record = em.find(MintedJwt.class, jti);
        if (record == null) {
            throw LatchException.notFound("No JWT with jti " + jti);
        }
        mayActOn(caller, record);
        audit.detail("revoked " + describe(record));
        record.revoke(caller.identity(), clock.instant());
        return record;
    }

    /** A JWT's record in human terms for its audit event: kind, subject, audience. */
    public static String describe(MintedJwt record) {
        return record.kind() + " JWT of " + record.sub() + " aud=" + record.aud();
    }

    /** Another owner's JWT only when the caller covers what it carries (see {@link #authority}). */
    public void mayActOn(Caller caller, MintedJwt jwt) {
        boolean session = jwt.kind().equals("session");
        if (session
                && !Coverage.isOwn(caller, jwt.jti(), jwt.ownerId())
                && !caller.permissions().isAdmin()) {
            // a session is a person's own (pangolin): only its owner or an admin ends it
            throw LatchException.permissionDenied("Only its owner or an admin may end a session");
        }
        Coverage.mayActOn(caller, jwt.jti(), jwt.ownerId(), authority(jwt), false);
    }

    /**
     * What holding this JWT amounts to: on Latch's own API, the permissions its scope names; for
     * another service, the jwt.mint it took to mint it.
     */
    Permissions authority(MintedJwt jwt) {
        return jwt.aud().equals(latchAudience)
                ? Minting.latchPermissions(Minting.scopes(jwt.scope()))
                : Permissions.of(Permission.JWT_MINT);
    }
}
