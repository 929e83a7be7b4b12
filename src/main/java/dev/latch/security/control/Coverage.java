package dev.latch.security.control;

import dev.latch.platform.control.LatchException;
import dev.latch.security.entity.MintScopes;
import dev.latch.security.entity.Permissions;
import java.util.UUID;

/**
 * What a caller may hand out and act on. It hands out only what it holds; it acts on its own
 * credentials, and on another owner's only when its permissions cover that credential's (pangolin:
 * "only admins can revoke other users' tokens", with admin covering everything).
 */
public final class Coverage {

    /** A credential as these rules see it. */
    public interface Credential {
        UUID id();

        /** The user that holds it, if any. */
        UUID ownerId();

        Permissions permissions();

        boolean allowsPrivileged();

        /** The scopes it may mint JWTs with for other services. */
        MintScopes mintScopes();
    }

    private Coverage() {}

    public static void mayActOn(Caller caller, Credential credential) {
        mayActOn(
                caller,
                credential.id(),
                credential.ownerId(),
                credential.permissions(),
                credential.allowsPrivileged());
        if (!isOwn(caller, credential.id(), credential.ownerId())) {
            mayHandOutMinting(caller, credential.mintScopes());
        }
    }

    /** A new or rotated credential never carries more than the caller holds. */
    public static void mayHandOut(Caller caller, Permissions permissions, boolean allowPrivileged) {
        if (!caller.permissions().covers(permissions)) {
            throw LatchException.permissionDenied(
                    "A credential cannot be given permissions its issuer does not hold");
        }
        if (allowPrivileged && !mayHandOutPrivileged(caller)) {
            throw LatchException.permissionDenied(
                    "Only an admin or a privileged token may issue a privileged token");
        }
    }

    /** Minting rights are handed out like permissions: only those the caller holds (admin: any). */
    public static void mayHandOutMinting(Caller caller, MintScopes scopes) {
        if (!caller.permissions().isAdmin() && !caller.mintScopes().covers(scopes)) {
            throw LatchException.permissionDenied(
                    "A credential cannot be given mint_scopes its issuer does not hold");
        }
    }

    /** The caller's own credential: the very one, or one held by the caller's user. */
    public static boolean isOwn(Caller caller, UUID credentialId, UUID ownerId) {
        return credentialId.equals(caller.tokenId())
                || (ownerId != null && ownerId.equals(caller.userId()));
    }

    /**
     * Revoking, rotating or deleting a credential: one's own, or one the caller could have handed
     * out.
     */
    public static void mayActOn(
            Caller caller,
            UUID credentialId,
            UUID ownerId,
            Permissions permissions,
            boolean allowsPrivileged) {
        if (isOwn(caller, credentialId, ownerId)) {
            return;
        }
        if (!caller.permissions().covers(permissions)
                || (allowsPrivileged && !mayHandOutPrivileged(caller))) {
            throw LatchException.permissionDenied(
                    "Acting on another owner's credential needs admin, or permissions that cover"
                            + " the credential's");
        }
    }

    private static boolean mayHandOutPrivileged(Caller caller) {
        return caller.allowsPrivileged() || caller.permissions().isAdmin();
    }
}
