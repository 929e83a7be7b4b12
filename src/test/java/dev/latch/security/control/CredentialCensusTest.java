package dev.latch.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latch.platform.control.Recent;
import dev.latch.support.Scrape;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialCensusTest {

    static final List<Duration> WINDOWS =
            List.of(Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(30));

    /** (kind, bucket, count): revoked 0, expired 1, within 1d 2, 7d 3, 30d 4, later 5. */
    private static final CredentialCensus CENSUS =
            CredentialCensus.of(
                    CredentialCensusTest.WINDOWS,
                    List.of(
                            new Object[] {"operator", 0, 3L},
                            new Object[] {"operator", 1, 4L},
                            new Object[] {"operator", 2, 1L},
                            new Object[] {"operator", 3, 2L},
                            new Object[] {"operator", 4, 5L},
                            new Object[] {"operator", 5, 10L},
                            new Object[] {"node", 5, 6L}));

    @Test
    void activeIsEveryUnrevokedCredentialNotYetExpired() {
        assertEquals(3, CENSUS.count("operator", "revoked"));
        assertEquals(4, CENSUS.count("operator", "expired"));
        assertEquals(1 + 2 + 5 + 10, CENSUS.count("operator", "active"));
        assertEquals(6, CENSUS.count("node", "active"));
    }

    @Test
    void eachWindowHoldsTheShorterOnes() {
        assertEquals(1, CENSUS.expiring("operator", 0));
        assertEquals(1 + 2, CENSUS.expiring("operator", 1));
        assertEquals(1 + 2 + 5, CENSUS.expiring("operator", 2));
        assertEquals(0, CENSUS.expiring("node", 2));
    }

    @Test
    void aKindWithoutRowsCountsZero() {
        assertEquals(0, CENSUS.count("join", "active"));
        assertEquals(0, CENSUS.expiring("join", 0));
    }

    @Test
    void theGaugesCarryKindStatusAndWindowInPrometheusNames() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CredentialCensus.register(
                registry,
                List.of("operator", "join"),
                List.of(Duration.ofDays(30), Duration.ofDays(1), Duration.ofDays(7)),
                new Recent<>(() -> CENSUS, Duration.ofSeconds(30), Clock.systemUTC()));
        Scrape scrape = Scrape.of(registry.scrape());
        assertEquals(18, scrape.value("latch_credentials", "kind", "operator", "status", "active"));
        assertEquals(0, scrape.value("latch_credentials", "kind", "join", "status", "revoked"));
        String expiring = "latch_credentials_expiring";
        assertEquals(3, scrape.value(expiring, "kind", "operator", "within", "7d"));
        assertEquals(8, scrape.value(expiring, "kind", "operator", "within", "30d"));
    }

    @Test
    void theWindowsAreTheConfiguredThresholdsShortestFirstEachOnce() {
        assertEquals(
                List.of(Duration.ofHours(12), Duration.ofDays(2)),
                CredentialCensus.windows(
                        List.of(Duration.ofDays(2), Duration.ofHours(12), Duration.ofDays(2))));
    }

    @Test
    void aWindowOfHoursIsLabelledInHours() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CredentialCensus.register(
                registry,
                List.of("operator"),
                List.of(Duration.ofHours(12)),
                new Recent<>(
                        () -> CredentialCensus.of(List.of(Duration.ofHours(12)), List.of()),
                        Duration.ofSeconds(30),
                        Clock.systemUTC()));
        Scrape scrape = Scrape.of(registry.scrape());
        assertEquals(
                0, scrape.value("latch_credentials_expiring", "kind", "operator", "within", "12h"));
    }
}
