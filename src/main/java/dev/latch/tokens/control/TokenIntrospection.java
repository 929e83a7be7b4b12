package dev.latch.tokens.control;

import dev.latch.audit.control.AuditContext;
import dev.latch.jwt.control.Hs256Trust;
import dev.latch.jwt.control.JwtBearer;
import dev.latch.jwt.control.JwtClaims;
import dev.latch.jwt.control.MintedJwts;
import dev.latch.jwt.entity.MintedJwt;
import dev.latch.platform.control.ErrorCode;
import dev.latch.platform.control.LatchException;
import dev.latch.security.control.Caller;
import dev.latch.security.control.Confirmation;
import dev.latch.security.control.Coverage;
import dev.latch.security.entity.Permission;
import dev.latch.tokens.entity.Token;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** RFC 7662 introspection and RFC 7009 revocation for every kind of token, opaque or JWT. */
@ApplicationScoped
public class TokenIntrospection {

    /**
     * The RFC 7662 answer; only {@code active} when the token is not. {@code cnf} names the client
     * certificate a bound credential needs (RFC 8705 §3.2).
     */
    public record Introspected(
            boolean active,
            String tokenType,
            String sub,
            String aud,
            String scope,
            String iss,
            Long exp,
            Long iat,
            String jti,
            Confirmation cnf) {

        static final Introspected INACTIVE =
                new Introspected(false, null, null, null, null, null, null, null, null, null);
    }

    @Inject JwtBearer jwts;

    @Inject OpaqueTokens opaqueTokens;

    @Inject MintedJwts minted;

    @Inject Hs256Trust hs256;

    @Inject Clock clock;

    @Inject AuditContext audit;

    public Introspected introspect(String token) {
        try {
            return opaqueTokens
                    .find(token)
                    .map(this::describe)
                    .orElseGet(() -> jwt(token).map(this::describe).orElse(Introspected.INACTIVE));
        } catch (LatchException inactive) {
            return Introspected.INACTIVE;
        }
    }

    /**
     * Revokes the token if the caller may: its own, or with {@code tokens.manage} another's that
     * the caller covers. Unknown and invalid tokens are answered like revoked ones (RFC 7009 §2.2):
     * nothing to learn from it.
     */
    public void revoke(Caller caller, String token) {
        boolean manager = caller.permissions().allows(Permission.TOKENS_MANAGE);
        Instant now = clock.instant();
        audit.detail("unknown, invalid or expired token: nothing revoked");
        try {
            Optional<Token> opaque = opaqueTokens.find(token);
            if (opaque.isPresent()) {
                Token t = opaque.get();
                audit.target("token:" + t.id());
                mayRevoke(manager || Coverage.isOwn(caller, t.id(), t.ownerId()));
                Coverage.mayActOn(caller, t);
                audit.detail("revoked " + OperatorTokens.describe(t));
                t.revoke(caller.identity(), now);
                return;
            }
            Optional<JwtBearer.Verified> verified = jwt(token);
            if (verified.isEmpty()) {
                return;
            }
            Optional<MintedJwt> record = verified.get().record();
            if (record.isPresent()) {
                MintedJwt r = record.get();
                audit.target("jwt:" + r.jti());
                mayRevoke(manager || Coverage.isOwn(caller, r.jti(), r.ownerId()));
                minted.mayActOn(caller, r);
                audit.detail("revoked " + r.kind() + " JWT of " + r.sub() + " aud=" + r.aud());
                r.revoke(caller.identity(), now);
            } else {
                // an HS256 JWT has no record; its jti is remembered as revoked
                JwtClaims jwt = verified.get().jwt();
                audit.target("jwt:" + jwt.jti());
                mayRevoke(manager && caller.permissions().covers(hs256.permissionsOf(jwt)));
                audit.detail("revoked HS256 JWT of " + jwt.subject());
                hs256.revoke(jwt, caller.identity());
            }
        } catch (LatchException e) {
            if (e.code() == ErrorCode.PERMISSION_DENIED) {
                throw e;
            }
        }
    }

    /**
     * A JWT verified against the audience it names: introspection reports it, whoever it is for.
     */
    private Optional<JwtBearer.Verified> jwt(String token) {
        if (!jwts.accepts(token)) {
            return Optional.empty();
        }
        return jwts.audienceOf(token).map(aud -> jwts.verify(token, aud));
    }

    private Introspected describe(Token t) {
        if (t.statusAt(clock.instant()) != Token.Status.ACTIVE) {
            return Introspected.INACTIVE;
        }
        return new Introspected(
                true,
                t.kind().wireName(),
                t.name(),
                null,
                String.join(" ", t.permissions().wireNames()),
                null,
                t.expiresAt().getEpochSecond(),
                t.issuedAt().getEpochSecond(),
                t.id().toString(),
                Confirmation.of(t.certificateThumbprint()));
    }

    private Introspected describe(JwtBearer.Verified verified) {
        JwtClaims jwt = verified.jwt();
        String scope = verified.record().map(MintedJwt::scope).orElseGet(jwt::scope);
        return new Introspected(
                true,
                "jwt",
                jwt.subject(),
                String.join(" ", jwt.audience()),
                scope,
                jwt.issuer(),
                jwt.expiresAt(),
                jwt.issuedAt(),
                jwt.jti(),
                null);
    }

    private static void mayRevoke(boolean allowed) {
        if (!allowed) {
            throw LatchException.permissionDenied("Revoking another's token needs tokens.manage");
        }
    }
}
