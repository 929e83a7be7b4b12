package dev.latch.security.control;

/**
 * One kind of bearer credential: opaque Latch tokens here, JWTs in the jwt component. The
 * authentication mechanism asks each whether a token has its shape, and lets that one decide.
 */
public interface BearerVerifier {

    /** By shape only, without any I/O: exactly one verifier accepts a given token. */
    boolean accepts(String token);

    /** Three dot-separated parts: a JWT's shape, and the line between the two verifiers. */
    static boolean isJwtShaped(String token) {
        return token.chars().filter(c -> c == '.').count() == 2;
    }

    /** The verified credential, or a LatchException with an authentication code. */
    VerifiedCredential authenticate(String token);

    /** The caller of a credential this verifier accepted, presented again and taken from cache. */
    default void reused(Caller caller) {}
}
