package dev.latch.security.control;

import dev.latch.security.entity.MintScopes;
import dev.latch.security.entity.Permission;
import dev.latch.security.entity.Permissions;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Who made the request: the identity, the credential it used, what that credential allows, the user
 * behind it when there is one, and the client certificate the credential is bound to when it is
 * (its {@code x5t#S256}, see {@link CertificateBinding}).
 */
public record Caller(
        String identity,
        UUID tokenId,
        String kind,
        Permissions permissions,
        boolean allowsPrivileged,
        Instant expiresAt,
        UUID userId,
        MintScopes mintScopes,
        String certificateThumbprint) {

    /** A caller whose credential is not bound to a client certificate. */
    public Caller(
            String identity,
            UUID tokenId,
            String kind,
            Permissions permissions,
            boolean allowsPrivileged,
            Instant expiresAt,
            UUID userId,
            MintScopes mintScopes) {
        this(
                identity,
                tokenId,
                kind,
                permissions,
                allowsPrivileged,
                expiresAt,
                userId,
                mintScopes,
                null);
    }

    /**
     * The kind of a node credential (prexor): it may say who it is and end itself, nothing else.
     */
    public static final String NODE = "node";

    /** Whether this caller may put {@code scope} into a JWT for another service: an admin any. */
    public boolean mayMint(String scope) {
        return permissions.isAdmin() || mintScopes.allows(scope);
    }

    /**
     * The groups {@code @RolesAllowed} sees: a node only {@code node}; others their permissions and
     * {@code authenticated}.
     */
    public Set<String> groups() {
        return NODE.equals(kind) ? Set.of(Permission.Names.NODE) : permissions.groups();
    }
}
