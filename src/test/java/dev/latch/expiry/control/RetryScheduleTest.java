package dev.latch.expiry.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final RetrySchedule SCHEDULE =
            new RetrySchedule(6, Duration.ofMinutes(1), Duration.ofMinutes(5));

    @Test
    void theDelayDoublesAfterEachFailedAttemptUpToTheCap() {
        assertEquals(Optional.of(Duration.ofMinutes(1)), SCHEDULE.after(1));
        assertEquals(Optional.of(Duration.ofMinutes(2)), SCHEDULE.after(2));
        assertEquals(Optional.of(Duration.ofMinutes(4)), SCHEDULE.after(3));
        assertEquals(Optional.of(Duration.ofMinutes(5)), SCHEDULE.after(4));
        assertEquals(Optional.of(Duration.ofMinutes(5)), SCHEDULE.after(5));
    }

    @Test
    void afterTheLastAttemptThereIsNoRetry() {
        assertEquals(Optional.empty(), SCHEDULE.after(6));
        assertEquals(
                Optional.empty(),
                new RetrySchedule(1, Duration.ofSeconds(1), Duration.ofSeconds(1)).after(1));
    }

    @Test
    void manyAttemptsDoNotOverflow() {
        assertEquals(
                Optional.of(Duration.ofHours(1)),
                new RetrySchedule(100, Duration.ofSeconds(1), Duration.ofHours(1)).after(99));
    }

    @Test
    void aScheduleThatCannotWorkFailsTheStart() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new RetrySchedule(0, Duration.ofSeconds(1), Duration.ofSeconds(1)));
        assertThrows(
                IllegalArgumentException.class,
                () -> new RetrySchedule(3, Duration.ofMinutes(2), Duration.ofMinutes(1)));
    }
}
