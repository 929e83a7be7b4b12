package dev.latch.platform.control;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations in request bodies: {@code 90d}, {@code 24h}, {@code 30m}, {@code 60s}, with parachute's
 * messages.
 */
public final class Ttl {

    private static final Pattern FORMAT = Pattern.compile("([0-9]{1,9})([smhd])");

    private Ttl() {}

    /** A lifetime: strictly positive and at most {@code cap}. */
    public static Duration of(String text, Duration cap) {
        return of("ttl", text, cap);
    }

    /** As {@link #of(String, Duration)}, naming the value {@code field} (the CLI's "--ttl"). */
    public static Duration of(String field, String text, Duration cap) {
        Duration ttl = parse(field, text);
        if (ttl.isZero()) {
            throw LatchException.invalidArgument(
                    "invalid " + field + " \"" + text + "\" — must be > 0");
        }
        return capped(field, text, ttl, cap);
    }

    /** A grace period: zero allowed, at most {@code cap}. */
    public static Duration grace(String text, Duration cap) {
        return capped("grace", text, parse("grace", text), cap);
    }

    /** Parses {@code text}; {@code field} names it in the error message. */
    public static Duration parse(String field, String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text);
        if (m == null || !m.matches()) {
            throw LatchException.invalidArgument(
                    "invalid " + field + " \"" + text + "\" — expected e.g. 90d, 24h, 30m, 60s");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    /**
     * The shortest text that parses back to {@code duration}: {@code 365d}, {@code 36h}, {@code
     * 90s}.
     */
    public static String format(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    private static Duration capped(String field, String text, Duration value, Duration cap) {
        if (value.compareTo(cap) > 0) {
            throw LatchException.invalidArgument(
                    field + " \"" + text + "\" exceeds " + format(cap) + " cap");
        }
        return value;
    }
}
