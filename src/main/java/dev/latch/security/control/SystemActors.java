package dev.latch.security.control;

import java.util.List;

/**
 * The identities Latch itself acts as in the audit log: {@code latch} (start-up, sweeps), {@code
 * latch:*}, {@code join:*} (a node's exchange), {@code internal:*} (bus issuing), {@code node:*}
 * and {@code hs256:*}. No token or user may be named like one of them.
 */
public final class SystemActors {

    private static final List<String> PREFIXES =
            List.of("latch:", "join:", "internal:", "node:", "hs256:");

    private SystemActors() {}

    public static boolean isReserved(String name) {
        return name.equals("latch") || PREFIXES.stream().anyMatch(name::startsWith);
    }
}
