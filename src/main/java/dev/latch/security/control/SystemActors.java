package dev.latch.security.control;

import java.util.List;

/**
 * The identities Latch itself acts as in the audit log: {@code latch} (start-up, sweeps), {@code
 * latch:*}, {@code join:*} (a node's exchange), {@code internal:*} (bus issuing), {@code node:*}
 * and {@code hs256:*}. No token or user may be named like one of them.
 */
public final class SystemActors {

    /** The identity prefix of a caller whose JWT was trusted through the HS256 secret. */
    public static final String HS256 = "hs256:";

    private static final List<String> PREFIXES =
            List.of("latch:", "join:", "internal:", "node:", HS256);

    private SystemActors() {}

    public static boolean isReserved(String name) {
        return name.equals("latch") || PREFIXES.stream().anyMatch(name::startsWith);
    }
}
