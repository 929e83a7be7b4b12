package dev.latch.expiry.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdsTest {

    @Test
    void thresholdsAreKeptTightestFirstEachOnce() {
        Thresholds thresholds =
                new Thresholds(
                        List.of(
                                Duration.ofDays(30),
                                Duration.ofDays(1),
                                Duration.ofDays(7),
                                Duration.ofDays(1)));
        assertEquals(List.of("1d", "7d", "30d"), thresholds.labels());
        assertEquals(Duration.ofDays(30), thresholds.widest());
    }

    @Test
    void aThresholdOfHoursIsNamedInHours() {
        assertEquals("12h", Thresholds.label(Duration.ofHours(12)));
    }

    @Test
    void noneZeroOrBeyondAYearFailsTheStart() {
        assertThrows(IllegalArgumentException.class, () -> new Thresholds(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Thresholds(List.of(Duration.ZERO)));
        assertThrows(
                IllegalArgumentException.class,
                () -> new Thresholds(List.of(Duration.ofDays(366))));
    }
}
