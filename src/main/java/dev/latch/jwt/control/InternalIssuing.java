package dev.latch.jwt.control;

import dev.latch.audit.control.AuditContext;
import dev.latch.platform.control.ErrorCode;
import dev.latch.platform.control.LatchException;
import dev.latch.platform.control.SecretFile;
import dev.latch.platform.control.Ttl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * bus remote issuing: a trusted service presents the internal shared key and names the claims it
 * needs.
 */
@ApplicationScoped
public class InternalIssuing {

    static final int MIN_KEY_BYTES = 32;

    @Inject JwtIssuer issuer;

    @Inject AuditContext audit;

    @Inject
    @ConfigProperty(name = "latch.jwt.internal-key-file")
    Optional<String> keyFile;

    @Inject
    @ConfigProperty(name = "latch.jwt.audience")
    String latchAudience;

    @Inject
    @ConfigProperty(name = "latch.jwt.max-ttl")
    Duration maxTtl;

    public JwtIssuer.Signed issue(
            String presentedKey, String subject, String audience, String scope, String ttl) {
        authenticate(presentedKey);
        Minting.scopes(scope);
        if (audience.equals(latchAudience)) {
            // the shared key is a service's, not Latch's own: it never mints access to Latch
            throw LatchException.permissionDenied(
                    "Internal issuing never mints for Latch's own audience");
        }
        Duration lifetime = Ttl.of(ttl, maxTtl);
        JwtIssuer.Signed signed =
                issuer.sign(
                        "internal",
                        subject,
                        audience,
                        scope,
                        lifetime,
                        "internal:" + subject,
                        null);
        audit.target("jwt:" + signed.record().jti());
        audit.detail("sub=" + subject + " aud=" + audience + " scope=" + scope);
        return signed;
    }

    /** A short key fails the deployment, naming the file, never its content. */
    void checkAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        keyFile.ifPresent(file -> SecretFile.readAtLeast(Path.of(file), MIN_KEY_BYTES));
    }

    /** 404 when internal issuing is off, 401 unless the presented key is the configured one. */
    public void authenticate(String presentedKey) {
        String key =
                keyFile.map(file -> SecretFile.read(Path.of(file)))
                        .orElseThrow(
                                () ->
                                        LatchException.notFound(
                                                "Internal issuing is not configured on this server"));
        if (presentedKey == null || !MessageDigest.isEqual(sha256(presentedKey), sha256(key))) {
            throw new LatchException(ErrorCode.UNAUTHENTICATED, "The internal key is not valid");
        }
    }

    /** Digests of equal length, compared in constant time: neither content nor length leaks. */
    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
