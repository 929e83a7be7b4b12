package dev.latch.security.control;

import dev.latch.security.entity.Permissions;
import java.time.Instant;
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
        UUID userId) {}
