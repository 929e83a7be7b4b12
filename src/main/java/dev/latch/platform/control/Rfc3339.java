package dev.latch.platform.control;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Instants a client sends as text (query parameters, body fields): RFC 3339 in UTC. */
public final class Rfc3339 {

    /** The years PostgreSQL's timestamptz and every sane client share. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private Rfc3339() {}

    /** Null for null; anything else unparsable or out of range is the client's 400. */
    public static Instant parse(String name, String value) {
        try {
            Instant at = value == null ? null : Instant.parse(value);
            if (at != null && (at.isBefore(EARLIEST) || at.isAfter(LATEST))) {
                throw new DateTimeParseException("out of range", value, 0);
            }
            return at;
        } catch (DateTimeParseException e) {
            throw LatchException.invalidArgument(
                    name + " must be an RFC 3339 UTC time, e.g. 2026-11-23T12:00:00Z");
        }
    }
}
