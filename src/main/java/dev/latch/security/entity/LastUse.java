package dev.latch.security.entity;

import java.time.Instant;

/**
 * A credential's last recorded use: when, from which source address, with which user agent, on
 * which Latch node. {@code recorded} is false for a record older than use recording for its kind:
 * without a use since, nobody knows whether it was ever used.
 */
public record LastUse(
        Instant at, String sourceIp, String userAgent, String node, boolean recorded) {

    /** {@code used}, {@code never_used} or {@code not_recorded}. */
    public String state() {
        if (at != null) {
            return "used";
        }
        return recorded ? "never_used" : "not_recorded";
    }
}
