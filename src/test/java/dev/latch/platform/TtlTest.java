package dev.latch.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.latch.platform.control.DurationConverter;
import dev.latch.platform.control.ErrorCode;
import dev.latch.platform.control.LatchException;
import dev.latch.platform.control.Ttl;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TtlTest {

    private static final Duration YEAR = Duration.ofDays(365);
    private static final Duration WEEK = Duration.ofDays(7);

    @Test
    void everyUnitParses() {
        assertEquals(Duration.ofSeconds(60), Ttl.of("60s", YEAR));
        assertEquals(Duration.ofMinutes(30), Ttl.of("30m", YEAR));
        assertEquals(Duration.ofHours(24), Ttl.of("24h", YEAR));
        assertEquals(Duration.ofDays(90), Ttl.of("90d", YEAR));
    }

    @Test
    void theCapItselfIsAllowed() {
        assertEquals(Duration.ofDays(365), Ttl.of("365d", YEAR));
    }

    @Test
    void beyondTheCapIsRefusedNamingTheCap() {
        assertEquals("ttl \"366d\" exceeds 365d cap", refusal(() -> Ttl.of("366d", YEAR)));
        assertEquals("ttl \"9000h\" exceeds 365d cap", refusal(() -> Ttl.of("9000h", YEAR)));
    }

    @Test
    void zeroIsRefusedForALifetime() {
        assertEquals("invalid ttl \"0s\" — must be > 0", refusal(() -> Ttl.of("0s", YEAR)));
    }

    @Test
    void zeroIsAllowedForAGrace() {
        assertEquals(Duration.ZERO, Ttl.grace("0s", WEEK));
        assertEquals("grace \"8d\" exceeds 7d cap", refusal(() -> Ttl.grace("8d", WEEK)));
    }

    @Test
    void otherShapesAreRefusedWithAnExample() {
        for (String bad :
                new String[] {
                    "1week", "90", "d", "-5m", "1.5h", " 90d", "90D", "", "9999999999d"
                }) {
            assertEquals(
                    "invalid ttl \"" + bad + "\" — expected e.g. 90d, 24h, 30m, 60s",
                    refusal(() -> Ttl.of(bad, YEAR)));
        }
    }

    @Test
    void aMissingValueIsRefused() {
        assertEquals(
                "invalid ttl \"null\" — expected e.g. 90d, 24h, 30m, 60s",
                refusal(() -> Ttl.of(null, YEAR)));
    }

    @Test
    void aDurationFormatsInItsLargestWholeUnit() {
        assertEquals("365d", Ttl.format(YEAR));
        assertEquals("36h", Ttl.format(Duration.ofHours(36)));
        assertEquals("90m", Ttl.format(Duration.ofMinutes(90)));
        assertEquals("61s", Ttl.format(Duration.ofSeconds(61)));
    }

    @Test
    void aConfiguredDurationUsesTheSameFormatAndNamesNoClientField() {
        assertEquals(Duration.ofMinutes(15), new DurationConverter().convert("15m"));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new DurationConverter().convert("15 minutes"));
        assertEquals(
                "\"15 minutes\" is not a duration — expected e.g. 90d, 24h, 30m, 60s",
                e.getMessage());
    }

    private static String refusal(Runnable parse) {
        LatchException e = assertThrows(LatchException.class, parse::run);
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        return e.getMessage();
    }
}
