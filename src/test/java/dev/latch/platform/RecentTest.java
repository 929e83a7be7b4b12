package dev.latch.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latch.platform.control.Recent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RecentTest {

    private static final Duration MAX_AGE = Duration.ofSeconds(30);

    /** A clock the test moves. */
    private static final class Hands extends Clock {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** Answers its queue in turn and counts how often it was asked. */
    private static final class Readings implements Supplier<Long> {
        final Deque<Supplier<Long>> answers = new ArrayDeque<>();
        int reads;

        @Override
        public Long get() {
            reads++;
            return answers.removeFirst().get();
        }
    }

    private final Hands clock = new Hands();
    private final Readings readings = new Readings();
    private final Recent<Long> recent = new Recent<>(readings, MAX_AGE, clock);

    @Test
    void manyGaugesWithinTheMaximumAgeCostOneReading() {
        readings.answers.add(() -> 7L);
        for (int i = 0; i < 20; i++) {
            assertEquals(7.0, recent.gauge(v -> v));
            clock.now = clock.now.plusSeconds(1);
        }
        assertEquals(1, readings.reads);
    }

    @Test
    void aReadingAsOldAsTheMaximumAgeIsTakenAgain() {
        readings.answers.add(() -> 7L);
        readings.answers.add(() -> 8L);
        assertEquals(7.0, recent.gauge(v -> v));
        clock.now = clock.now.plus(MAX_AGE).minusNanos(1);
        assertEquals(7.0, recent.gauge(v -> v));
        clock.now = clock.now.plusNanos(1);
        assertEquals(8.0, recent.gauge(v -> v));
        assertEquals(2, readings.reads);
    }

    @Test
    void aFailedReadingThrowsOnceThenLeavesNanUntilTheNextIsDue() {
        readings.answers.add(
                () -> {
                    throw new IllegalStateException("database down");
                });
        readings.answers.add(() -> 9L);
        assertThrows(IllegalStateException.class, () -> recent.gauge(v -> v));
        clock.now = clock.now.plusSeconds(1);
        assertTrue(Double.isNaN(recent.gauge(v -> v)), "no value, and no second attempt");
        assertEquals(1, readings.reads);
        clock.now = clock.now.plus(MAX_AGE);
        assertEquals(9.0, recent.gauge(v -> v));
    }
}
