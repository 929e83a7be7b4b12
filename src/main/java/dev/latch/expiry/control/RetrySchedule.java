package dev.latch.expiry.control;

import java.time.Duration;
import java.util.Optional;

/**
 * When a failed delivery is tried again: {@code first} after the first attempt, twice as long after
 * each further one up to {@code cap}, and never after {@code maxAttempts}.
 */
public record RetrySchedule(int maxAttempts, Duration first, Duration cap) {

    public RetrySchedule {
        if (maxAttempts < 1 || first.isZero() || first.isNegative() || cap.compareTo(first) < 0) {
            throw new IllegalArgumentException(
                    "latch.webhooks: max-attempts must be at least 1, and max-retry-delay at least"
                            + " first-retry");
        }
    }

    /** The delay before the next attempt after {@code attempts} failed ones; none when done. */
    public Optional<Duration> after(int attempts) {
        if (attempts >= maxAttempts) {
            return Optional.empty();
        }
        int doublings = Math.min(attempts - 1, 30);
        Duration delay = first.multipliedBy(1L << doublings);
        return Optional.of(delay.compareTo(cap) > 0 ? cap : delay);
    }
}
