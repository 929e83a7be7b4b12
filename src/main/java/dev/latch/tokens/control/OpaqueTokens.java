package dev.latch.tokens.control;

import dev.latch.platform.control.ErrorCode;
import dev.latch.platform.control.LatchException;
import dev.latch.security.control.BearerVerifier;
import dev.latch.security.control.Caller;
import dev.latch.security.control.VerifiedCredential;
import dev.latch.tokens.entity.Token;
import dev.latch.tokens.entity.TokenKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Turns an opaque bearer token into a caller: format check, SHA-256, lookup, status. */
@ApplicationScoped
public class OpaqueTokens implements BearerVerifier {

    @PersistenceContext EntityManager em;

    @Inject Clock clock;

    @Inject KeyReuse keyReuse;

    /** Everything that is not shaped like a JWT: malformed input is refused here, as malformed. */
    @Override
    public boolean accepts(String token) {
        return !BearerVerifier.isJwtShaped(token);
    }

    /** The kind its prefix names when its checksum holds, as the token lists name it. */
    @Override
    public String claimedKind(String token) {
        return TokenFormat.kindOf(token).map(TokenKind::wireName).orElse(MALFORMED);
    }

    /** The stored token a plaintext stands for, whatever its status; garbage is never looked up. */
    public Optional<Token> find(String presented) {
        if (TokenFormat.kindOf(presented).isEmpty()) {
            return Optional.empty();
        }
        return em.createNamedQuery(Token.BY_HASH, Token.class)
                .setParameter("hash", TokenFormat.hash(presented))
                .getResultStream()
                .findFirst();
    }

    @Override
    public VerifiedCredential authenticate(String presented) {
        Optional<TokenKind> kind = TokenFormat.kindOf(presented);
        if (kind.isEmpty()) {
            throw new LatchException(ErrorCode.UNAUTHENTICATED, "The bearer token is malformed");
        }
        if (kind.get() == TokenKind.JOIN) {
            // a join token is the credential of one exchange, never a bearer on the API
            throw new LatchException(
                    ErrorCode.UNAUTHENTICATED,
                    "A join token is accepted only by POST /api/v1/bootstrap/exchange");
        }
        Token token =
                find(presented)
                        .orElseThrow(
                                () ->
                                        new LatchException(
                                                ErrorCode.UNAUTHENTICATED,
                                                "The bearer token is not known"));
        Instant now = clock.instant();
        if (KeyReuse.isReuse(token, now)) {
            keyReuse.revokeSuccessors(token);
        }
        switch (token.statusAt(now)) {
            case REVOKED ->
                    throw new LatchException(
                            ErrorCode.TOKEN_REVOKED, "The bearer token has been revoked");
            case EXPIRED ->
                    throw new LatchException(
                            ErrorCode.TOKEN_EXPIRED, "The bearer token has expired");
            case ACTIVE -> {} // its use is noted by the authentication mechanism
        }
        Caller caller =
                new Caller(
                        token.name(),
                        token.id(),
                        token.kind().wireName(),
                        token.permissions(),
                        token.allowsPrivileged(),
                        token.expiresAt(),
                        token.ownerId(),
                        token.mintScopes(),
                        token.certificateThumbprint());
        // a rotated key in its grace is checked every time: its reuse after the grace must be seen
        return token.replacedBy() == null
                ? VerifiedCredential.reusable(caller, token.subject())
                : VerifiedCredential.once(caller);
    }
}
