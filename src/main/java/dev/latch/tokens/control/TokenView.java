package dev.latch.tokens.control;

import dev.latch.jwt.entity.MintedJwt;
import dev.latch.security.control.Confirmation;
import dev.latch.security.entity.LastUse;
import dev.latch.tokens.entity.Token;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A token as lists and lookups show it: everything but the secret and its hash; {@code cnf} names
 * the client certificate a node credential is bound to. {@code last_used_at} stays beside {@code
 * last_use} for the clients of the first contract.
 */
public record TokenView(
        UUID tokenId,
        String name,
        String kind,
        String status,
        String description,
        Instant issuedAt,
        Instant expiresAt,
        Instant revokedAt,
        String revokedBy,
        Instant lastUsedAt,
        LastUse lastUse,
        List<String> permissions,
        boolean allowsPrivileged,
        String createdBy,
        UUID replacedBy,
        String hint,
        List<String> mintScopes,
        Confirmation cnf) {

    /**
     * A session or minted JWT where a token list shows it: the jti is its id, its scope what it
     * allows.
     */
    public static TokenView of(MintedJwt m, Instant now) {
        return new TokenView(
                m.jti(),
                m.sub(),
                m.kind(),
                m.statusAt(now),
                null,
                m.issuedAt(),
                m.expiresAt(),
                m.revokedAt(),
                m.revokedBy(),
                m.lastUse().at(),
                m.lastUse(),
                List.of(m.scope().split(" ")),
                false,
                m.mintedBy(),
                null,
                null,
                List.of(),
                null);
    }

    public static TokenView of(Token t, Instant now) {
        return new TokenView(
                t.id(),
                t.name(),
                t.kind().wireName(),
                t.statusAt(now).wireName(),
                t.description(),
                t.issuedAt(),
                t.expiresAt(),
                t.revokedAt(),
                t.revokedBy(),
                t.lastUse().at(),
                t.lastUse(),
                t.permissions().wireNames(),
                t.allowsPrivileged(),
                t.createdBy(),
                t.replacedBy(),
                t.hint(),
                t.mintScopes().patterns(),
                Confirmation.of(t.certificateThumbprint()));
    }
}
