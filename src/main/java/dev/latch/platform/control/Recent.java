package dev.latch.platform.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The latest reading of a figure that costs a query, taken again only once it is older than its
 * maximum age: however often and by however many gauges a scrape asks, the database answers once. A
 * reading that fails throws to the gauge that asked (Micrometer logs it and reports NaN) and leaves
 * no value until the next one is due, so a scrape neither fails nor keeps retrying a database that
 * is down.
 */
public final class Recent<T> {

    private final Supplier<T> read;
    private final Duration maxAge;
    private final Clock clock;

    private Instant readAt;
    private T value;

    public Recent(Supplier<T> read, Duration maxAge, Clock clock) {
        this.read = read;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** The value, read now if the last reading is due; empty while the last reading failed. */
    private synchronized Optional<T> get() {
        Instant now = clock.instant();
        if (readAt == null || !now.isBefore(readAt.plus(maxAge))) {
            readAt = now;
            value = null; // a failed reading leaves none
            value = read.get();
        }
        return Optional.ofNullable(value);
    }

    /** For a gauge: the figure of the value, NaN while it is unknown. */
    public double gauge(ToDoubleFunction<T> figure) {
        return get().map(figure::applyAsDouble).orElse(Double.NaN);
    }
}
