package dev.latch.users.control;

import dev.latch.platform.control.LatchException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Passwords through the platform's PBKDF2 (Jakarta Security), with parameters an auditor accepts
 * today: HMAC-SHA512, 210,000 iterations (OWASP 2023), 32-byte salt, 64-byte key. The stored form
 * carries its parameters, so raising them later does not break existing hashes.
 */
@ApplicationScoped
public class Passwords {

    private static final int MAX_LENGTH = 1024;

    @Inject Pbkdf2PasswordHash pbkdf2;

    @Inject
    @ConfigProperty(name = "latch.users.pbkdf2-iterations")
    int iterations;

    @Inject
    @ConfigProperty(name = "latch.users.password-min-length")
    int minLength;

    /** Verified against when the user does not exist, so both failures take the same time. */
    private String decoy;

    @PostConstruct
    void configure() {
        pbkdf2.initialize(
                Map.of(
                        "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
                        "Pbkdf2PasswordHash.Iterations", String.valueOf(iterations),
                        "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                        "Pbkdf2PasswordHash.KeySizeBytes", "64"));
        decoy = pbkdf2.generate("decoy password, never anyone's".toCharArray());
    }

    /** The policy: long enough, not absurdly long, not the username. */
    public String hash(String username, String password) {
        if (password == null || password.length() < minLength) {
            throw LatchException.invalidArgument(
                    "password must be at least " + minLength + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            throw LatchException.invalidArgument(
                    "password must be at most " + MAX_LENGTH + " characters");
        }
        if (password.toLowerCase(Locale.ROOT).equals(username.toLowerCase(Locale.ROOT))) {
            throw LatchException.invalidArgument("password must not be the username");
        }
        return pbkdf2.generate(password.toCharArray());
    }

    /** Constant work whether or not there is a hash to check. */
    public boolean matches(String password, Optional<String> hash) {
        boolean matches =
                pbkdf2.verify(
                        password == null ? new char[0] : password.toCharArray(),
                        hash.orElse(decoy));
        return matches && hash.isPresent();
    }
}
