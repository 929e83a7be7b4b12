package dev.latch.expiry.control;

import dev.latch.platform.control.Ttl;
import java.time.Duration;
import java.util.List;

/**
 * The configured thresholds before expiry, tightest first. A credential is warned for the tightest
 * one it has crossed, so one issued with two days left hears of 7d only, never of 30d as well.
 */
public record Thresholds(List<Duration> tightestFirst) {

    /** The longest threshold one may configure, and the longest window of {@code /expiring}. */
    public static final Duration MAX = Duration.ofDays(365);

    public Thresholds {
        tightestFirst = tightestFirst.stream().distinct().sorted().toList();
        if (tightestFirst.isEmpty()) {
            throw new IllegalArgumentException("latch.expiry.thresholds names no threshold");
        }
        for (Duration threshold : tightestFirst) {
            if (threshold.isZero() || threshold.compareTo(MAX) > 0) {
                throw new IllegalArgumentException(
                        "latch.expiry.thresholds: "
                                + Ttl.format(threshold)
                                + " is not within 1s and "
                                + Ttl.format(MAX));
            }
        }
    }

    public Duration widest() {
        return tightestFirst.get(tightestFirst.size() - 1);
    }

    /** Its name in warnings, bodies and metrics, e.g. {@code 7d}. */
    public static String label(Duration threshold) {
        return Ttl.format(threshold);
    }

    /** Every label, tightest first. */
    public List<String> labels() {
        return tightestFirst.stream().map(Thresholds::label).toList();
    }
}
