package dev.latch.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** One clock for the whole service; timestamps are kept to the microsecond PostgreSQL stores. */
@ApplicationScoped
public class Clocks {

    @Produces
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), java.time.Duration.ofNanos(1000));
    }
}
