package dev.latch.jwt.control;

import dev.latch.jwt.entity.RevokedJti;
import dev.latch.platform.control.ErrorCode;
import dev.latch.platform.control.LatchException;
import dev.latch.platform.control.SecretFile;
import dev.latch.platform.control.Ttl;
import dev.latch.security.entity.Permissions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * HS256 trust (bus {@code --local}): anyone with the shared secret signs its own claims, so Latch
 * bounds what such a JWT can be: a secret of at least 32 bytes, a capped lifetime, permissions only
 * from an allowlist (none by default), and revocation by jti.
 */
@ApplicationScoped
public class Hs256Trust {

    static final int MIN_SECRET_BYTES = 32;
    private static final int MAX_JTI = 200;
    private static final Pattern JTI = Pattern.compile("[\\x21-\\x7e]{1," + MAX_JTI + "}");
    // an iat from the future would stretch the lifetime cap at will
    private static final long IAT_SKEW_SECONDS = 60;

    @PersistenceContext EntityManager em;

    @Inject Clock clock;

    @Inject
    @ConfigProperty(name = "latch.jwt.hs256-secret-file")
    Optional<String> secretFile;

    // read as a list through Config: Payara cannot inject an Optional of a List
    @Inject Config config;

    @Inject
    @ConfigProperty(name = "latch.jwt.hs256-max-ttl")
    Duration maxTtl;

    /** A short secret fails the deployment, naming the file, never its content. */
    void checkAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        secret();
        allowed();
    }

    public Optional<SecretKey> secret() {
        return secretFile.map(
                file ->
                        new SecretKeySpec(
                                SecretFile.readAtLeast(Path.of(file), MIN_SECRET_BYTES)
                                        .getBytes(StandardCharsets.UTF_8),
                                "HmacSHA256"));
    }

    /** A jti, a lifetime within the cap from iat to exp, and not revoked. */
    public void check(JwtClaims jwt) {
        String jti = jwt.jti();
        if (jti == null || !JTI.matcher(jti).matches()) {
            throw refused(
                    "An HS256 JWT needs a jti of at most " + MAX_JTI + " visible ASCII characters");
        }
        long iat = jwt.issuedAt() == null ? 0 : jwt.issuedAt();
        // with 0 < iat < exp the difference cannot overflow, whatever exp a signer chose
        if (iat <= 0
                || iat > clock.instant().getEpochSecond() + IAT_SKEW_SECONDS
                || jwt.expiresAt() <= iat
                || jwt.expiresAt() - iat > maxTtl.toSeconds()) {
            throw refused(
                    "An HS256 JWT needs an iat that is not in the future and may live at most "
                            + Ttl.format(maxTtl));
        }
        if (em.find(RevokedJti.class, jti) != null) {
            throw new LatchException(ErrorCode.TOKEN_REVOKED, "The JWT has been revoked");
        }
    }

    /** What the claimed permissions come to: only those the allowlist names. */
    public Permissions cap(Permissions claimed) {
        Permissions allowed = allowed();
        return new Permissions(
                claimed.granted().stream()
                        .filter(p -> allowed.granted().contains(p))
                        .collect(Collectors.toSet()));
    }

    /** The permissions a configured HS256 JWT amounts to on Latch's API. */
    public Permissions permissionsOf(JwtClaims jwt) {
        String scope = jwt.scope() == null ? "" : jwt.scope();
        return cap(Minting.latchPermissions(Arrays.asList(scope.split("\\s+"))));
    }

    /** Idempotent; kept until the JWT would have expired anyway. */
    public void revoke(JwtClaims jwt, String by) {
        if (em.find(RevokedJti.class, jwt.jti()) == null) {
            em.persist(
                    new RevokedJti(
                            jwt.jti(),
                            Instant.ofEpochSecond(jwt.expiresAt()),
                            clock.instant(),
                            by));
        }
    }

    private Permissions allowed() {
        try {
            return Permissions.parse(
                    config.getOptionalValues("latch.jwt.hs256-allowed-permissions", String.class)
                            .orElse(List.of()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "latch.jwt.hs256-allowed-permissions: " + e.getMessage());
        }
    }

    private static LatchException refused(String detail) {
        return new LatchException(ErrorCode.UNAUTHENTICATED, detail);
    }
}
