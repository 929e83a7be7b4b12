package dev.latch.jwt.control;

import io.jsonwebtoken.Claims;
import java.util.Date;
import java.util.Set;

/**
 * What a verified JWT claims, as Latch reads it: times in epoch seconds, the audience as a set, the
 * scope as the text it was sent as.
 */
public record JwtClaims(
        String jti,
        String subject,
        String issuer,
        Set<String> audience,
        long expiresAt,
        Long issuedAt,
        String scope) {

    static JwtClaims of(Claims claims) {
        Object scope = claims.get("scope");
        return new JwtClaims(
                claims.getId(),
                claims.getSubject(),
                claims.getIssuer(),
                claims.getAudience() == null ? Set.of() : Set.copyOf(claims.getAudience()),
                seconds(claims.getExpiration()),
                claims.getIssuedAt() == null ? null : seconds(claims.getIssuedAt()),
                scope == null ? null : scope instanceof String s ? s : scope.toString());
    }

    private static long seconds(Date date) {
        return date.toInstant().getEpochSecond();
    }
}
