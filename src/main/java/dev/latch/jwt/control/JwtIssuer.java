package dev.latch.jwt.control;

import dev.latch.jwt.entity.MintedJwt;
import dev.latch.jwt.entity.SigningKey;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.SignatureAlgorithm;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Signs JWTs with the active key (jjwt) and records each one, so it can be listed and revoked. */
@ApplicationScoped
public class JwtIssuer {

    /** A signed token and its record. */
    public record Signed(String token, MintedJwt record) {}

    @PersistenceContext EntityManager em;

    @Inject SigningKeys keys;

    @Inject Clock clock;

    @Inject
    @ConfigProperty(name = "latch.jwt.issuer")
    String issuer;

    public Signed sign(
            String kind,
            String sub,
            String aud,
            String scope,
            Duration ttl,
            String mintedBy,
            UUID ownerId) {
        SigningKey key = keys.active();
        Instant now = clock.instant();
        Instant exp = now.plus(ttl);
        UUID jti = UUID.randomUUID();
        String token =
                Jwts.builder()
                        .header()
                        .keyId(key.kid())
                        .type("JWT")
                        .and()
                        .issuer(issuer)
                        .subject(sub)
                        .audience()
                        .single(aud)
                        .claim("scope", scope)
                        .id(jti.toString())
                        .issuedAt(Date.from(now))
                        .notBefore(Date.from(now))
                        .expiration(Date.from(exp))
                        .signWith(keys.privateKey(key), algorithm(key.algorithm()))
                        .compact();
        MintedJwt record =
                new MintedJwt(jti, kind, sub, aud, scope, key.kid(), now, exp, mintedBy, ownerId);
        em.persist(record);
        keys.signedUntil(key.kid(), exp);
        return new Signed(token, record);
    }

    private static SignatureAlgorithm algorithm(String name) {
        return name.equals("ES256") ? Jwts.SIG.ES256 : Jwts.SIG.RS256;
    }
}
