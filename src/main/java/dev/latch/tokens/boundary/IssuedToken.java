package dev.latch.tokens.boundary;

import dev.latch.tokens.control.TokenIssuer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The one response that carries a token's plaintext. */
public record IssuedToken(
        UUID tokenId,
        String name,
        String token,
        Instant issuedAt,
        Instant expiresAt,
        List<String> permissions,
        boolean allowsPrivileged,
        List<String> mintScopes) {

    static IssuedToken of(TokenIssuer.Issued issued) {
        var t = issued.token();
        return new IssuedToken(
                t.id(),
                t.name(),
                issued.secret(),
                t.issuedAt(),
                t.expiresAt(),
                t.permissions().wireNames(),
                t.allowsPrivileged(),
                t.mintScopes().patterns());
    }
}
