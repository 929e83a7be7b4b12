package dev.latch.jwt.control;

import dev.latch.jwt.entity.MintedJwt;
import dev.latch.platform.control.ErrorCode;
import dev.latch.platform.control.LatchException;
import dev.latch.security.control.BearerVerifier;
import dev.latch.security.control.Caller;
import dev.latch.security.control.CredentialRecord;
import dev.latch.security.control.VerifiedCredential;
import dev.latch.security.entity.MintScopes;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParserBuilder;
import io.jsonwebtoken.Jwts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * JWTs as bearer tokens on Latch's API. jjwt checks signature, iss, aud, exp and nbf against the
 * key the header's kid names (the same library on every runtime, where each ships its own
 * MicroProfile JWT); the jti must be recorded and unrevoked. HS256 is accepted only with the
 * configured secret, never with any other key material.
 */
@ApplicationScoped
public class JwtBearer implements BearerVerifier {

    @PersistenceContext EntityManager em;

    @Inject SigningKeys keys;

    @Inject Clock clock;

    @Inject
    @ConfigProperty(name = "latch.jwt.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "latch.jwt.audience")
    String audience;

    private static final java.util.regex.Pattern KID =
            java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Inject Hs256Trust hs256;

    /** What a verified JWT says, and its record when Latch signed it. */
    public record Verified(JwtClaims jwt, Optional<MintedJwt> record) {}

    @Override
    public boolean accepts(String token) {
        return BearerVerifier.isJwtShaped(token);
    }

    @Override
    public VerifiedCredential authenticate(String token) {
        Verified verified = verify(token, audience);
        JwtClaims jwt = verified.jwt();
        Optional<MintedJwt> record = verified.record();
        Caller caller =
                new Caller(
                        // an HS256 subject is whatever its signer chose: it never reads as a Latch
                        // identity
                        record.map(MintedJwt::sub).orElse("hs256:" + jwt.subject()),
                        record.map(MintedJwt::jti).orElse(null),
                        record.map(MintedJwt::kind).filter("session"::equals).orElse("jwt"),
                        record.map(r -> Minting.latchPermissions(Minting.scopes(r.scope())))
                                .orElseGet(() -> hs256.permissionsOf(jwt)),
                        false,
                        Instant.ofEpochSecond(jwt.expiresAt()),
                        record.map(MintedJwt::ownerId).orElse(null),
                        MintScopes.NONE);
        return record.map(
                        r ->
                                VerifiedCredential.reusable(
                                        caller, r.subject(), CredentialRecord.key(r.kid())))
                .orElseGet(
                        () -> VerifiedCredential.reusable(caller, CredentialRecord.jwt(jwt.jti())));
    }

    /**
     * Verifies a token meant for {@code expectedAudience}: its key, its signature and claims, its
     * record.
     */
    public Verified verify(String token, String expectedAudience) {
        VerificationKey key = keyFor(header(token));
        JwtClaims jwt = parse(token, key, expectedAudience);
        return new Verified(jwt, record(jwt, key));
    }

    /** A key and the one algorithm it verifies. */
    private record VerificationKey(String algorithm, Key key, String kid) {

        boolean signedByLatch() {
            return !algorithm.equals("HS256");
        }
    }

    /**
     * The signing key the header's kid names, with its own algorithm; HS256 only with the
     * configured secret.
     */
    private VerificationKey keyFor(JsonObject header) {
        String alg = header.getString("alg", "");
        if (alg.equals("HS256")) {
            return new VerificationKey(
                    "HS256",
                    hs256.secret().orElseThrow(() -> refused("HS256 JWTs are not accepted here")),
                    null);
        }
        String kid = header.get("kid") instanceof JsonString s ? s.getString() : null;
        // a kid is looked up: only the shape Latch gives its keys ever reaches the database
        PublicKey key =
                kid == null || !KID.matcher(kid).matches()
                        ? null
                        : keys.publicKey(kid).orElse(null);
        if (key == null) {
            throw refused("The JWT names no signing key this server knows");
        }
        String expected = key.getAlgorithm().equals("EC") ? "ES256" : "RS256";
        if (!expected.equals(alg)) {
            throw refused("The JWT's algorithm does not match its signing key");
        }
        return new VerificationKey(expected, key, kid);
    }

    /**
     * Signature, iss, aud, exp and nbf, with no clock skew; a JWT without exp or sub is refused, as
     * MicroProfile JWT refuses it.
     */
    private JwtClaims parse(String token, VerificationKey key, String expectedAudience) {
        JwtParserBuilder parser =
                Jwts.parser()
                        .requireIssuer(issuer)
                        .requireAudience(expectedAudience)
                        .clock(() -> Date.from(clock.instant()));
        if (key.key() instanceof PublicKey publicKey) {
            parser.verifyWith(publicKey);
        } else {
            parser.verifyWith((SecretKey) key.key());
        }
        try {
            Claims claims = parser.build().parseSignedClaims(token).getPayload();
            if (claims.getExpiration() == null || claims.getSubject() == null) {
                throw refused("The JWT needs an exp and a sub");
            }
            return JwtClaims.of(claims);
        } catch (ExpiredJwtException e) {
            throw new LatchException(ErrorCode.TOKEN_EXPIRED, "The JWT has expired");
        } catch (JwtException | IllegalArgumentException e) {
            throw refused("The JWT did not verify");
        }
    }

    /**
     * A JWT Latch signed must match its record (kid, sub, aud, scope, exp: a stolen key cannot
     * reuse a live jti with other claims) and be unrevoked; an HS256 one passes its own checks.
     */
    private Optional<MintedJwt> record(JwtClaims jwt, VerificationKey key) {
        if (!key.signedByLatch()) {
            hs256.check(jwt);
            return Optional.empty();
        }
        MintedJwt record =
                Optional.ofNullable(jwt.jti())
                        .flatMap(JwtBearer::uuid)
                        .map(jti -> em.find(MintedJwt.class, jti))
                        .orElseThrow(() -> refused("The JWT was not issued by this service"));
        if (!matches(record, jwt, key.kid())) {
            throw refused("The JWT's claims are not those this service signed");
        }
        if (record.revokedAt() != null) {
            throw new LatchException(ErrorCode.TOKEN_REVOKED, "The JWT has been revoked");
        }
        return Optional.of(record);
    }

    private static boolean matches(MintedJwt record, JwtClaims jwt, String kid) {
        return record.kid().equals(kid)
                && record.sub().equals(jwt.subject())
                && Set.of(record.aud()).equals(jwt.audience())
                && record.scope().equals(jwt.scope())
                && record.expiresAt().getEpochSecond() == jwt.expiresAt();
    }

    /** The audience a token claims, unverified: only to know what to verify it against. */
    public Optional<String> audienceOf(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        JsonValue aud = json(parts[1]).get("aud");
        if (aud instanceof JsonString single) {
            return Optional.of(single.getString());
        }
        return aud instanceof jakarta.json.JsonArray many
                        && !many.isEmpty()
                        && many.get(0) instanceof JsonString first
                ? Optional.of(first.getString())
                : Optional.empty();
    }

    private static JsonObject header(String token) {
        return json(token.substring(0, token.indexOf('.')));
    }

    private static JsonObject json(String base64url) {
        try {
            byte[] decoded = Base64.getUrlDecoder().decode(base64url);
            return Json.createReader(new StringReader(new String(decoded, StandardCharsets.UTF_8)))
                    .readObject();
        } catch (RuntimeException e) {
            throw refused("The JWT is malformed");
        }
    }

    private static Optional<UUID> uuid(String jti) {
        try {
            return Optional.of(UUID.fromString(jti));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static LatchException refused(String detail) {
        return new LatchException(ErrorCode.UNAUTHENTICATED, detail);
    }
}
