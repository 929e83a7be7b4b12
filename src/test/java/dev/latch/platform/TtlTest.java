package dev.latch.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.latch.platform.control.ErrorCode;
import dev.latch.platform.control.LatchException;
import dev.latch.platform.control.Ttl;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TtlTest {

    @Test
    void everyUnitParses() {
        assertEquals(Duration.ofSeconds(60), Ttl.of("60s", "365d"));
        assertEquals(Duration.ofMinutes(30), Ttl.of("30m", "365d"));
        assertEquals(Duration.ofHours(24), Ttl.of("24h", "365d"));
        assertEquals(Duration.ofDays(90), Ttl.of("90d", "365d"));
    }

    @Test
    void theCapItselfIsAllowed() {
        assertEquals(Duration.ofDays(365), Ttl.of("365d", "365d"));
    }

    @Test
    void beyondTheCapIsRefusedNamingTheCap() {
        assertEquals("ttl \"366d\" exceeds 365d cap", refusal(() -> Ttl.of("366d", "365d")));
        assertEquals("ttl \"9000h\" exceeds 365d cap", refusal(() -> Ttl.of("9000h", "365d")));
    }

    @Test
    void zeroIsRefusedForALifetime() {
        assertEquals("invalid ttl \"0s\" — must be > 0", refusal(() -> Ttl.of("0s", "365d")));
    }

    @Test
    void zeroIsAllowedForAGrace() {
        assertEquals(Duration.ZERO, Ttl.grace("0s", "7d"));
        assertEquals("grace \"8d\" exceeds 7d cap", refusal(() -> Ttl.grace("8d", "7d")));
    }

    @Test
    void otherShapesAreRefusedWithAnExample() {
        for (String bad : new String[] {"1week", "90", "d", "-5m", "1.5h", " 90d", "90D", "", "9999999999d"}) {
            assertEquals("invalid ttl \"" + bad + "\" — expected e.g. 90d, 24h, 30m, 60s", refusal(() -> Ttl.of(bad, "365d")));
        }
    }

    @Test
    void aMissingValueIsRefused() {
        assertEquals("invalid ttl \"null\" — expected e.g. 90d, 24h, 30m, 60s", refusal(() -> Ttl.of(null, "365d")));
    }

    private static String refusal(Runnable parse) {
        LatchException e = assertThrows(LatchException.class, parse::run);
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        return e.getMessage();
    }
}
