package dev.latch.security.entity;

import dev.latch.platform.control.Meters;
import java.util.Arrays;
import java.util.Optional;

/** What a token may do. {@code admin} holds every other permission. */
public enum Permission {
    TOKENS_READ(Names.TOKENS_READ),
    TOKENS_MANAGE(Names.TOKENS_MANAGE),
    USERS_MANAGE(Names.USERS_MANAGE),
    KEYS_MANAGE(Names.KEYS_MANAGE),
    JWT_MINT(Names.JWT_MINT),
    AUDIT_READ(Names.AUDIT_READ),
    METRICS_READ(Names.METRICS_READ),
    ADMIN(Names.ADMIN);

    /** The names as constants, for {@code @RolesAllowed}. */
    public static final class Names {
        public static final String TOKENS_READ = "tokens.read";
        public static final String TOKENS_MANAGE = "tokens.manage";
        public static final String USERS_MANAGE = "users.manage";
        public static final String KEYS_MANAGE = "keys.manage";
        public static final String JWT_MINT = "jwt.mint";
        public static final String AUDIT_READ = "audit.read";
        public static final String METRICS_READ = Meters.READ_PERMISSION;
        public static final String ADMIN = "admin";

        /**
         * Held by every caller that may use the management API; not a permission a token can be
         * given.
         */
        public static final String AUTHENTICATED = "authenticated";

        /**
         * Held by a node credential only: the endpoints where nodes act (whoami, their own logout).
         */
        public static final String NODE = "node";

        private Names() {}
    }

    private final String wireName;

    Permission(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Permission> ofWireName(String name) {
        return Arrays.stream(values()).filter(p -> p.wireName.equals(name)).findFirst();
    }
}
