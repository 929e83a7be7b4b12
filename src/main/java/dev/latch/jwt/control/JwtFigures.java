package dev.latch.jwt.control;

import dev.latch.jwt.entity.MintedJwt;
import dev.latch.platform.control.Meters;
import dev.latch.platform.control.Recent;
import dev.latch.security.control.CredentialCensus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The JWTs Latch signed, by kind and status and by how soon they expire, and the age of the key
 * that signs now; for every node alike.
 */
@ApplicationScoped
public class JwtFigures {

    @PersistenceContext EntityManager em;

    @Inject Clock clock;

    @Inject SigningKeys keys;

    @Inject Meters meters;

    @Inject MeterRegistry registry;

    /** The windows of {@code latch_credentials_expiring}: the expiry warnings' thresholds. */
    @Inject
    @ConfigProperty(name = "latch.expiry.thresholds")
    List<Duration> thresholds;

    @PostConstruct
    void register() {
        CredentialCensus.register(
                registry,
                MintedJwt.KINDS,
                thresholds,
                meters.fromDatabase(
                        () ->
                                CredentialCensus.read(
                                        em, "minted_jwt", clock.instant(), thresholds)));
        Recent<Instant> signingSince = meters.fromDatabase(() -> keys.active().activatesAt());
        // counted from its activation, as rotation is: alert when it passes the rotation age
        TimeGauge.builder(
                        "latch.signing.key.age",
                        () ->
                                signingSince.gauge(
                                        at -> Duration.between(at, clock.instant()).toMillis()),
                        TimeUnit.MILLISECONDS)
                .description("How long the active signing key has been signing (cluster-wide)")
                .register(registry);
    }

    /** Created at start, so the gauges are there from the first scrape. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {}
}
