package dev.latch.tokens.control;

import dev.latch.audit.control.AuditContext;
import dev.latch.platform.control.LatchException;
import dev.latch.platform.control.Ttl;
import dev.latch.security.control.Caller;
import dev.latch.security.control.Coverage;
import dev.latch.security.control.SystemActors;
import dev.latch.security.entity.MintScopes;
import dev.latch.security.entity.Permissions;
import dev.latch.tokens.entity.Token;
import dev.latch.tokens.entity.TokenKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The rules of operator tokens: who may issue what, one active holder per name, revoke, rotate,
 * purge.
 */
@ApplicationScoped
public class OperatorTokens {

    @PersistenceContext EntityManager em;

    @Inject Clock clock;

    @Inject AuditContext audit;

    @Inject TokenIssuer issuer;

    @Inject
    @ConfigProperty(name = "latch.tokens.default-ttl")
    Duration defaultTtl;

    @Inject
    @ConfigProperty(name = "latch.tokens.max-ttl")
    Duration maxTtl;

    @Inject
    @ConfigProperty(name = "latch.tokens.max-rotation-grace")
    Duration maxGrace;

    public TokenIssuer.Issued issue(
            Caller caller,
            String name,
            List<String> permissionNames,
            boolean allowPrivileged,
            String ttl,
            String description,
            List<String> mintScopes) {
        Permissions requested =
                permissionNames == null
                        ? caller.permissions().withoutAdmin()
                        : parse(permissionNames);
        if (SystemActors.isReserved(name)) {
            throw LatchException.invalidArgument(
                    "name \"" + name + "\" is reserved for Latch's own actors");
        }
        Coverage.mayHandOut(caller, requested, allowPrivileged);
        MintScopes minting = mintScopes == null ? MintScopes.NONE : parseMintScopes(mintScopes);
        Coverage.mayHandOutMinting(caller, minting);
        Duration lifetime = ttl == null ? defaultTtl : Ttl.of(ttl, maxTtl);
        TokenIssuer.Issued issued =
                issuer.issue(
                        new TokenIssuer.Spec(
                                TokenKind.OPERATOR,
                                name,
                                description,
                                requested,
                                allowPrivileged,
                                lifetime,
                                caller.identity(),
                                caller.userId(),
                                minting));
        audit.target("token:" + issued.token().id());
        audit.detail(describe(issued.token()));
        return issued;
    }

    /** The token of that id, or null; no audit target (a lookup that may go on to a JWT record). */
    public Token findOrNull(UUID id) {
        return em.find(Token.class, id);
    }

    public Token find(UUID id) {
        Token token = em.find(Token.class, id);
        if (token == null) {
            throw LatchException.notFound("No token with id " + id);
        }
        audit.target("token:" + id);
        return token;
    }

    /** Idempotent: revoking a revoked token answers with the first revocation. */
    public Optional<Token> revoke(Caller caller, UUID id) {
        Optional<Token> token = Optional.ofNullable(em.find(Token.class, id));
        token.ifPresent(
                t -> {
                    audit.target("token:" + id);
                    Coverage.mayActOn(caller, t);
                    audit.detail("revoked " + describe(t));
                    t.revoke(caller.identity(), clock.instant());
                });
        return token;
    }

    /** Revokes the holder of the name and any predecessor still alive in a rotation grace. */
    public List<Token> revokeByName(Caller caller, String name) {
        audit.target("token-name:" + name);
        Instant now = clock.instant();
        List<Token> alive =
                em.createQuery(
                                "select t from Token t where t.kind = :kind and t.name = :name"
                                        + " and t.revokedAt is null and t.expiresAt > :now order by t.issuedAt desc",
                                Token.class)
                        .setParameter("kind", TokenKind.OPERATOR)
                        .setParameter("name", name)
                        .setParameter("now", now)
                        .getResultList();
        if (alive.isEmpty()) {
            throw LatchException.notFound("No active operator token named " + name);
        }
        alive.forEach(token -> Coverage.mayActOn(caller, token));
        alive.forEach(token -> token.revoke(caller.identity(), now));
        audit.detail("revoked " + alive.size() + " operator token(s) named " + name);
        return alive;
    }

    public void purge(UUID id) {
        Token token = find(id);
        audit.action("token.purge");
        audit.detail("purged " + token.kind().wireName() + " token " + token.name());
        em.remove(token);
    }

    /**
     * A new secret for the same name and permissions; the old one lives on for the grace, then
     * stops.
     */
    public TokenIssuer.Issued rotate(Caller caller, UUID id, String grace) {
        Token old = find(id);
        if (old.kind() != TokenKind.OPERATOR) {
            throw LatchException.invalidArgument(
                    "Only operator tokens rotate here; this one is " + old.kind().wireName());
        }
        mayRotate(old, clock.instant());
        Coverage.mayActOn(caller, old);
        Coverage.mayHandOut(caller, old.permissions(), old.allowsPrivileged());
        Coverage.mayHandOutMinting(caller, old.mintScopes());
        Duration graceDuration = grace == null ? Duration.ZERO : Ttl.grace(grace, maxGrace);
        TokenIssuer.Issued issued = issuer.rotate(old, graceDuration, caller.identity());
        audit.detail(
                "rotated "
                        + describe(old)
                        + " to "
                        + issued.token().id()
                        + " with grace "
                        + graceDuration.toSeconds()
                        + "s by "
                        + caller.identity()
                        + "; owner "
                        + old.ownerId());
        return issued;
    }

    /**
     * Only a live token that has not been rotated already; otherwise a failed precondition naming
     * why.
     */
    public static void mayRotate(Token old, Instant now) {
        switch (old.statusAt(now)) {
            case REVOKED ->
                    throw LatchException.failedPrecondition(
                            "The token is revoked", "token_revoked");
            case EXPIRED ->
                    throw LatchException.failedPrecondition(
                            "The token has expired", "token_expired");
            case ACTIVE -> {
                if (old.replacedBy() != null) {
                    throw LatchException.failedPrecondition(
                            "The token was already rotated; rotate its successor "
                                    + old.replacedBy(),
                            "token_replaced");
                }
            }
        }
    }

    /** A token in human terms for its audit event: kind, name, what it may do, until when. */
    static String describe(Token token) {
        return token.kind().wireName()
                + " token "
                + token.name()
                + " permissions="
                + String.join(",", token.permissions().wireNames())
                + (token.allowsPrivileged() ? " privileged" : "")
                + (token.mintScopes().patterns().isEmpty()
                        ? ""
                        : " mint_scopes=" + String.join(",", token.mintScopes().patterns()))
                + " expires="
                + token.expiresAt();
    }

    /** Client-given patterns; a bad one is the client's 400. */
    public static MintScopes parseMintScopes(List<String> patterns) {
        try {
            return MintScopes.parse(patterns);
        } catch (IllegalArgumentException e) {
            throw LatchException.invalidArgument(e.getMessage());
        }
    }

    private static Permissions parse(List<String> names) {
        try {
            return Permissions.parse(names);
        } catch (IllegalArgumentException e) {
            throw LatchException.invalidArgument(e.getMessage());
        }
    }
}
