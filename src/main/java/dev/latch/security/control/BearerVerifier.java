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

    /** What a credential is counted as when nothing can be made of it. */
    String MALFORMED = "malformed";

    /**
     * The kind a token this verifier accepts claims to be, by its shape alone (no I/O): what a
     * refused credential is counted as. Every JWT looks alike until it verifies, so this says jwt;
     * a verifier of other shapes names them.
     */
    default String claimedKind(String token) {
        return isJwtShaped(token) ? "jwt" : MALFORMED;
    }

    /** The verified credential, or a LatchException with an authentication code. */
    VerifiedCredential authenticate(String token);
}
