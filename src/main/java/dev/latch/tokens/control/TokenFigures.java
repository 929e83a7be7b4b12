package dev.latch.tokens.control;

import dev.latch.platform.control.Meters;
import dev.latch.security.control.CredentialCensus;
import dev.latch.tokens.entity.TokenKind;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The opaque tokens of every node, by kind and status and by how soon they expire. */
@ApplicationScoped
public class TokenFigures {

    @PersistenceContext EntityManager em;

    @Inject Clock clock;

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
                Arrays.stream(TokenKind.values()).map(TokenKind::wireName).toList(),
                thresholds,
                meters.fromDatabase(
                        () -> CredentialCensus.read(em, "token", clock.instant(), thresholds)));
    }

    /** Created at start, so the gauges are there from the first scrape. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {}
}
