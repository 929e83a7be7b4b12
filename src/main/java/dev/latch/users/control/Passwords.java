package dev.latch.users.control;

import dev.latch.platform.control.LatchException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
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

    private Set<String> common;

    @PostConstruct
    void configure() {
        pbkdf2.initialize(
                Map.of(
                        "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
                        "Pbkdf2PasswordHash.Iterations", String.valueOf(iterations),
                        "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                        "Pbkdf2PasswordHash.KeySizeBytes", "64"));
        decoy = pbkdf2.generate("decoy password, never anyone's".toCharArray());
        common = commonPasswords();
    }

    /** The list shipped in the WAR; '#' lines are its provenance. */
    static Set<String> commonPasswords() {
        try (var in = Passwords.class.getResourceAsStream("/passwords/common.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(line -> !line.startsWith("#"))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException("the common-password list is missing from the WAR", e);
        }
    }

    /**
     * The policy: long enough, not absurdly long, not containing the username, not a common one.
     */
    public String hash(String username, String password) {
        if (password == null || password.length() > MAX_LENGTH) {
            throw LatchException.invalidArgument(
                    "password must be at most " + MAX_LENGTH + " characters");
        }
        if (!password.strip().equals(password)) {
            throw LatchException.invalidArgument("password must not start or end with spaces");
        }
        String folded = fold(password);
        long visible = folded.codePoints().filter(c -> !Character.isWhitespace(c)).count();
        if (visible < minLength) {
            throw LatchException.invalidArgument(
                    "password must be at least " + minLength + " characters");
        }
        if (folded.contains(fold(username))) {
            throw LatchException.invalidArgument("password must not contain the username");
        }
        if (common.contains(folded)) {
            throw LatchException.invalidArgument("password is one of the most common passwords");
        }
        return pbkdf2.generate(password.toCharArray());
    }

    /**
     * What a password reads as: NFKC (fullwidth and compatibility forms become plain ones),
     * invisible format characters dropped, lower case; characters counted as code points.
     */
    static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC)
                .replaceAll("\\p{Cf}", "")
                .toLowerCase(Locale.ROOT);
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
