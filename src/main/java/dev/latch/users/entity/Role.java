package dev.latch.users.entity;

import dev.latch.security.entity.Permission;
import dev.latch.security.entity.Permissions;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A user's role and the permissions it stands for. */
public enum Role {
    ADMIN(Permissions.of(Permission.ADMIN)),
    OPERATOR(Permissions.of(Permission.TOKENS_READ, Permission.TOKENS_MANAGE, Permission.JWT_MINT)),
    // metrics are aggregates of what an auditor already reads (tokens, refusals, logins), no secret
    AUDITOR(Permissions.of(Permission.TOKENS_READ, Permission.AUDIT_READ, Permission.METRICS_READ)),
    VIEWER(Permissions.of(Permission.TOKENS_READ));

    private final Permissions permissions;

    Role(Permissions permissions) {
        this.permissions = permissions;
    }

    public Permissions permissions() {
        return permissions;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> ofWireName(String name) {
        return Arrays.stream(values()).filter(r -> r.wireName().equals(name)).findFirst();
    }
}
