package dev.latch.platform.control;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * A position in a list ordered newest first by (time, id): opaque to clients, checked on the way
 * back in.
 */
public record KeysetCursor(Instant at, UUID id) {

    public String encode() {
        String plain = ChronoUnit.MICROS.between(Instant.EPOCH, at) + "_" + id;
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private static final long MAX_MICROS = 253_402_300_799_000_000L; // 9999-12-31T23:59:59Z

    public static KeysetCursor parse(String encoded) {
        try {
            String[] parts =
                    new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8)
                            .split("_", 2);
            long micros = Long.parseLong(parts[0]);
            // a time this server issued lies between 1970 and 9999, within PostgreSQL's range
            if (micros < 0 || micros > MAX_MICROS) {
                throw new IllegalArgumentException("out of range");
            }
            return new KeysetCursor(
                    Instant.EPOCH.plus(micros, ChronoUnit.MICROS), UUID.fromString(parts[1]));
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw LatchException.invalidArgument("cursor is not a cursor this server issued");
        }
    }
}
