package dev.latch.platform.control;

import jakarta.annotation.Priority;
import java.time.Duration;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * Durations in configuration read like those in requests ({@code 90d}, {@code 15m}). A bad value
 * fails the deployment, and MicroProfile Config's message names the key; it never reaches a client
 * as a 400.
 */
@Priority(200) // over the implicit Duration.parse (ISO-8601) converter
public class DurationConverter implements Converter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            return Ttl.parse("duration", value.strip());
        } catch (LatchException e) {
            throw new IllegalArgumentException(
                    "\"" + value + "\" is not a duration — expected e.g. 90d, 24h, 30m, 60s");
        }
    }
}
