package dev.latch.security.control;

import dev.latch.platform.control.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * This node's bearer authentications by credential kind and outcome, and how long each took: on the
 * request path a counter increment and a timer record, nothing more. Both labels come from fixed
 * sets, never from what the caller sent.
 */
@ApplicationScoped
public class Authentications {

    /** An accepted JWT for Latch that no record stands behind (rule 5: its identity reads so). */
    private static final String HS256 = "hs256";

    /** A JWT Latch minted for its own audience, not a session. */
    private static final String MINTED = "minted";

    /**
     * From a cache hit (microseconds) to a database lookup under load (tens of milliseconds); a
     * fixed few, so each kind adds a bounded number of series.
     */
    private static final Duration[] BUCKETS = {
        Duration.ofNanos(50_000),
        Duration.ofNanos(100_000),
        Duration.ofNanos(250_000),
        Duration.ofNanos(500_000),
        Duration.ofMillis(1),
        Duration.ofNanos(2_500_000),
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofSeconds(1)
    };

    @Inject MeterRegistry registry;

    private Meter.MeterProvider<Counter> counts;

    private Meter.MeterProvider<Timer> durations;

    @PostConstruct
    void register() {
        counts =
                Counter.builder("latch.authentications")
                        .description("Bearer credentials presented, by kind and outcome")
                        .withRegistry(registry);
        durations =
                Timer.builder("latch.authentication.duration")
                        .description("How long authenticating a bearer credential took, by kind")
                        .serviceLevelObjectives(BUCKETS)
                        .withRegistry(registry);
    }

    /** {@code startedNanos}: {@link System#nanoTime()} when the credential was read. */
    public void accepted(Caller caller, long startedNanos) {
        record(kindOf(caller), "ok", startedNanos);
    }

    /** Refused with {@code code}; {@code kind} is what the credential's shape claims it to be. */
    public void refused(String kind, ErrorCode code, long startedNanos) {
        record(kind, outcomeOf(code), startedNanos);
    }

    /** Neither accepted nor refused: the check itself failed unexpectedly. */
    public void failed(String kind, long startedNanos) {
        record(kind, "error", startedNanos);
    }

    private void record(String kind, String outcome, long startedNanos) {
        counts.withTags("kind", kind, "outcome", outcome).increment();
        durations
                .withTags("kind", kind)
                .record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * The kind of an accepted credential, in the words the credential lists use: {@code operator},
     * {@code service_key}, {@code node}, {@code session}, {@code minted}; {@code hs256} for a JWT
     * trusted through the HS256 secret.
     */
    static String kindOf(Caller caller) {
        if (!caller.kind().equals("jwt")) {
            return caller.kind();
        }
        return caller.identity().startsWith(SystemActors.HS256) ? HS256 : MINTED;
    }

    static String outcomeOf(ErrorCode code) {
        return switch (code) {
            case TOKEN_EXPIRED -> "expired";
            case TOKEN_REVOKED -> "revoked";
            case UNAVAILABLE -> "unavailable";
            default -> "invalid";
        };
    }
}
