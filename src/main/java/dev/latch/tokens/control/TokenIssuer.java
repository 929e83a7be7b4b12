package dev.latch.tokens.control;

import dev.latch.platform.control.Constraints;
import dev.latch.platform.control.ErrorCode;
import dev.latch.platform.control.LatchException;
import dev.latch.security.entity.MintScopes;
import dev.latch.security.entity.Permissions;
import dev.latch.tokens.entity.Token;
import dev.latch.tokens.entity.TokenKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Creates opaque tokens of any kind and rotates them: one active holder per kind and name, decided
 * by the database; the plaintext exists only in what this returns.
 */
@ApplicationScoped
public class TokenIssuer {

    /** A new token and its plaintext, which exists only in the response that creates it. */
    public record Issued(Token token, String secret) {}

    /**
     * What a new token is: kind, name, rights and lifetime, who creates it and who will hold it,
     * and the client certificate it is bound to, if any.
     */
    public record Spec(
            TokenKind kind,
            String name,
            String description,
            Permissions permissions,
            boolean allowPrivileged,
            Duration lifetime,
            String createdBy,
            UUID owner,
            String nodeId,
            Integer maxUses,
            MintScopes mintScopes,
            String certificateThumbprint) {

        /**
         * A token bound to no node or certificate, without use limit: operator tokens, API keys.
         */
        public Spec(
                TokenKind kind,
                String name,
                String description,
                Permissions permissions,
                boolean allowPrivileged,
                Duration lifetime,
                String createdBy,
                UUID owner,
                MintScopes mintScopes) {
            this(
                    kind,
                    name,
                    description,
                    permissions,
                    allowPrivileged,
                    lifetime,
                    createdBy,
                    owner,
                    null,
                    null,
                    mintScopes,
                    null);
        }
    }

    @PersistenceContext EntityManager em;

    @Inject Clock clock;

    public Issued issue(Spec spec) {
        return issue(spec, TokenFormat.generate(spec.kind()));
    }

    /** With a plaintext chosen elsewhere, e.g. LATCH_BOOTSTRAP_TOKEN. */
    public Issued issue(Spec spec, String secret) {
        return persist(secret, token(spec, secret));
    }

    /**
     * A new secret for the same kind, name, rights and lifetime, held by the same owner; the old
     * one keeps working for {@code grace} (revoked at once for none) and points at its successor.
     */
    public Issued rotate(Token old, Duration grace, String by) {
        Duration lifetime = Duration.between(old.issuedAt(), old.expiresAt());
        String secret = TokenFormat.generate(old.kind());
        Token successor =
                token(
                        new Spec(
                                old.kind(),
                                old.name(),
                                old.description(),
                                old.permissions(),
                                old.allowsPrivileged(),
                                lifetime,
                                by,
                                old.ownerId(),
                                old.nodeId(),
                                old.maxUses(),
                                old.mintScopes(),
                                old.certificateThumbprint()),
                        secret);
        old.replaceWith(successor, grace, by, clock.instant());
        em.flush(); // the name is released before the successor claims it
        return persist(secret, successor);
    }

    private Token token(Spec spec, String secret) {
        Token token =
                new Token(
                        spec.kind(),
                        spec.name(),
                        spec.description(),
                        TokenFormat.hash(secret),
                        TokenFormat.hint(secret),
                        spec.permissions(),
                        spec.allowPrivileged(),
                        clock.instant(),
                        spec.lifetime(),
                        spec.createdBy(),
                        spec.owner(),
                        spec.nodeId(),
                        spec.maxUses());
        token.allowMinting(spec.mintScopes());
        if (spec.certificateThumbprint() != null) {
            token.bindToCertificate(spec.certificateThumbprint());
        }
        return token;
    }

    /**
     * The unique index on active names decides a race; an expired holder gives its name up first.
     */
    private Issued persist(String secret, Token token) {
        Instant now = token.issuedAt();
        em.createQuery(
                        "update Token t set t.holdsName = false where t.kind = :kind and t.name = :name"
                                + " and t.holdsName = true and t.expiresAt <= :now")
                .setParameter("kind", token.kind())
                .setParameter("name", token.name())
                .setParameter("now", now)
                .executeUpdate();
        try {
            em.persist(token);
            em.flush();
        } catch (PersistenceException e) {
            if (Constraints.isUniqueViolation(e)) {
                throw new LatchException(
                        ErrorCode.DUPLICATE_IDENTITY,
                        "An active "
                                + token.kind().wireName()
                                + " token named "
                                + token.name()
                                + " already exists");
            }
            throw e;
        }
        return new Issued(token, secret);
    }
}
