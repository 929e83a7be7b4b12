package dev.latch.tokens.boundary;

import dev.latch.security.entity.Token;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A token as lists and lookups show it: everything but the secret and its hash. */
public record TokenView(UUID tokenId, String name, String kind, String status, String description, Instant issuedAt,
        Instant expiresAt, Instant revokedAt, String revokedBy, Instant lastUsedAt, List<String> permissions,
        boolean allowsPrivileged, String createdBy, UUID replacedBy, String hint) {

    static TokenView of(Token t, Instant now) {
        return new TokenView(t.id(), t.name(), t.kind().wireName(), t.statusAt(now).wireName(), t.description(),
                t.issuedAt(), t.expiresAt(), t.revokedAt(), t.revokedBy(), t.lastUsedAt(), t.permissions().wireNames(),
                t.allowsPrivileged(), t.createdBy(), t.replacedBy(), t.hint());
    }
}
