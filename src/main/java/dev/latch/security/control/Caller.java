package dev.latch.security.control;

import dev.latch.security.entity.MintScopes;
import dev.latch.security.entity.Permission;
import dev.latch.security.entity.Permissions;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Who made the request: the identity, the credential it used, what that credential allows, and the
 * user behind it when there is one.
 */
public record Caller(
        String identity,
        UUID tokenId,
        String kind,
        Permissions permissions,
        boolean allowsPrivileged,
        Instant expiresAt,
        UUID userId,
        MintScopes mintScopes) {

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
