package dev.latch.security.control;

import java.util.UUID;

/**
 * A row a credential is verified from. Its subject names it in a cached credential's dependencies
 * and on the {@code latch_credentials} channel, whose triggers (db-migrations/V9) spell it alike.
 */
public interface CredentialRecord {

    String subject();

    /** A record whose very creation ends a credential (a revoked jti), not only its change. */
    default boolean revokesWhenStored() {
        return false;
    }

    static String token(UUID id) {
        return "token:" + id;
    }

    static String jwt(String jti) {
        return "jwt:" + jti;
    }

    static String key(String kid) {
        return "key:" + kid;
    }
}
