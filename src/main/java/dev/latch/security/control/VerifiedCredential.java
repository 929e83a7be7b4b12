package dev.latch.security.control;

import java.util.Set;

/**
 * A credential a verifier accepted: the caller, and the subjects of the records it was read from
 * (see {@link CredentialRecord}); a change to any of them may end it. Only a reusable one is
 * cached.
 */
public record VerifiedCredential(Caller caller, Set<String> subjects, boolean reusable) {

    public static VerifiedCredential reusable(Caller caller, String... subjects) {
        return new VerifiedCredential(caller, Set.of(subjects), true);
    }

    /** Verified for this request only: the next use must go through the verifier again. */
    public static VerifiedCredential once(Caller caller) {
        return new VerifiedCredential(caller, Set.of(), false);
    }
}
