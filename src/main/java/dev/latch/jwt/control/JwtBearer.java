package dev.latch.jwt.control;

import dev.latch.jwt.entity.MintedJwt;
import dev.latch.platform.control.ErrorCode;
import dev.latch.platform.control.LatchException;
import dev.latch.security.control.BearerVerifier;
import dev.latch.security.control.Caller;
import dev.latch.security.control.CredentialRecord;
import dev.latch.security.control.VerifiedCredential;
import dev.latch.security.entity.MintScopes;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
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
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * JWTs as bearer tokens on Latch's API. SmallRye JWT (MicroProfile JWT) checks signature, iss, aud,
 * exp and nbf against the key the header's kid names; the jti must be recorded and unrevoked. HS256
 * is accepted only with the configured secret, never with any other key material.
 */
@ApplicationScoped
public class JwtBearer implements BearerVerifier {

    @PersistenceContext EntityManager em;

    @Inject JWTParser parser;

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
    public record Verified(JsonWebToken jwt, Optional<MintedJwt> record) {}

    @Override
    public boolean accepts(String token) {
        return BearerVerifier.isJwtShaped(token);
    }

    @Override
    public VerifiedCredential authenticate(String token) {
        Verified verified = verify(token, audience);
        JsonWebToken jwt = verified.jwt();
        Optional<MintedJwt> record = verified.record();
        Caller caller =
                new Caller(
                        // an HS256 subject is whatever its signer chose: it never reads as a Latch
                        // identity
                        record.map(MintedJwt::sub).orElse("hs256:" + jwt.getSubject()),
                        record.map(MintedJwt::jti).orElse(null),
                        record.map(MintedJwt::kind).filter("session"::equals).orElse("jwt"),
                        record.map(r -> Minting.latchPermissions(Minting.scopes(r.scope())))
                                .orElseGet(() -> hs256.permissionsOf(jwt)),
                        false,
                        Instant.ofEpochSecond(jwt.getExpirationTime()),
                        record.map(MintedJwt::ownerId).orElse(null),
                        MintScopes.NONE);
        return record.map(
                        r ->
                                VerifiedCredential.reusable(
                                        caller, r.subject(), CredentialRecord.key(r.kid())))
                .orElseGet(
                        () ->
                                VerifiedCredential.reusable(
                                        caller, CredentialRecord.jwt(jwt.getTokenID())));
    }

    /**
     * Verifies a token meant for {@code expectedAudience}: its key, its signature and claims, its
     * record.
     */
    public Verified verify(String token, String expectedAudience) {
        VerificationKey key = keyFor(header(token));
        JsonWebToken jwt = parse(token, key, expectedAudience);
        return new Verified(jwt, record(jwt, key));
    }

    /** A key and the one algorithm it verifies. */
    private record VerificationKey(SignatureAlgorithm algorithm, Key key, String kid) {

        boolean signedByLatch() {
            return algorithm != SignatureAlgorithm.HS256;
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
                    SignatureAlgorithm.HS256,
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
        SignatureAlgorithm expected =
                key.getAlgorithm().equals("EC")
                        ? SignatureAlgorithm.ES256
                        : SignatureAlgorithm.RS256;
        if (!expected.getAlgorithm().equals(alg)) {
            throw refused("The JWT's algorithm does not match its signing key");
        }
        return new VerificationKey(expected, key, kid);
    }

    /** Signature, iss, aud, exp and nbf, through MicroProfile JWT's parser. */
    private JsonWebToken parse(String token, VerificationKey key, String expectedAudience) {
        JWTAuthContextInfo context = new JWTAuthContextInfo();
        context.setIssuedBy(issuer);
        context.setExpectedAudience(Set.of(expectedAudience));
        context.setClockSkew(0);
        context.setSignatureAlgorithm(key.algorithm());
        if (key.key() instanceof PublicKey publicKey) {
            context.setPublicVerificationKey(publicKey);
        } else {
            context.setSecretVerificationKey((SecretKey) key.key());
        }
        try {
            return parser.parse(token, context);
        } catch (ParseException e) {
            throw expired(token)
                    ? new LatchException(ErrorCode.TOKEN_EXPIRED, "The JWT has expired")
                    : refused("The JWT did not verify");
        }
    }

    /**
     * A JWT Latch signed must match its record (kid, sub, aud, scope, exp: a stolen key cannot
     * reuse a live jti with other claims) and be unrevoked; an HS256 one passes its own checks.
     */
    private Optional<MintedJwt> record(JsonWebToken jwt, VerificationKey key) {
        if (!key.signedByLatch()) {
            hs256.check(jwt);
            return Optional.empty();
        }
        MintedJwt record =
                Optional.ofNullable(jwt.getTokenID())
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

    private static boolean matches(MintedJwt record, JsonWebToken jwt, String kid) {
        Object scope = jwt.getClaim("scope");
        return record.kid().equals(kid)
                && record.sub().equals(jwt.getSubject())
                && Set.of(record.aud()).equals(jwt.getAudience())
                && scope != null
                && record.scope().equals(text(scope))
                && record.expiresAt().getEpochSecond() == jwt.getExpirationTime();
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

    /** Only to choose the message: the claims of an unverified token decide nothing else. */
    private boolean expired(String token) {
        try {
            JsonObject claims = json(token.split("\\.")[1]);
            // seconds compared as numbers: an absurd exp must not overflow an Instant
            return claims.containsKey("exp")
                    && claims.getJsonNumber("exp").longValue() <= clock.instant().getEpochSecond();
        } catch (LatchException | ClassCastException | ArrayIndexOutOfBoundsException e) {
            return false;
        }
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

    /** A claim as text, whatever type the parser gave it; none is empty. */
    static String text(Object claim) {
        return claim == null
                ? ""
                : claim instanceof JsonString s ? s.getString() : claim.toString();
    }

    private static LatchException refused(String detail) {
        return new LatchException(ErrorCode.UNAUTHENTICATED, detail);
    }
}
