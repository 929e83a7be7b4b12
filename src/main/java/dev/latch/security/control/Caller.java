package dev.latch.security.control;

import dev.latch.security.entity.Permissions;
import java.time.Instant;
import java.util.UUID;

/** Who made the request: the identity, the credential it used and what that credential allows. */
public record Caller(String identity, UUID tokenId, String kind, Permissions permissions, boolean allowsPrivileged,
        Instant expiresAt) {
}
