package dev.latch.security.entity;

import java.time.Instant;

/**
 * A credential's last recorded use, as the API shows it: when, from which source address, with
 * which user agent, on which Latch node. {@code state} tells {@code never_used} from {@code
 * not_recorded} (a record older than use recording for its kind, with no use since).
 */
public record LastUse(String state, Instant at, String sourceIp, String userAgent, String node) {

    public static LastUse of(
            Instant at, String sourceIp, String userAgent, String node, boolean recorded) {
        String state = at != null ? "used" : recorded ? "never_used" : "not_recorded";
        return new LastUse(state, at, sourceIp, userAgent, node);
    }
}
