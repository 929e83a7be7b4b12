package dev.latch.audit.control;

import dev.latch.platform.control.AfterCompletion;
import dev.latch.platform.control.Meters;
import dev.latch.platform.control.Recent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Events this node wrote, by action and outcome (both from code, never from a request), and how
 * long the oldest event has been waiting for its seal, for the whole cluster.
 */
@ApplicationScoped
public class AuditFigures {

    @PersistenceContext EntityManager em;

    @Inject Clock clock;

    @Inject Meters meters;

    @Inject MeterRegistry registry;

    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

    private Meter.MeterProvider<Counter> written;

    @PostConstruct
    void register() {
        written =
                Counter.builder("latch.audit.events.written")
                        .description("Audit events this node committed, by action and outcome")
                        .withRegistry(registry);
        Recent<Optional<Instant>> oldest = meters.fromDatabase(this::oldestUnsealed);
        // a lag that only grows means the sealer is stuck, or an event it refuses to seal waits
        TimeGauge.builder(
                        "latch.audit.seal.lag",
                        () -> oldest.gauge(at -> at.map(this::waitedMillis).orElse(0L)),
                        TimeUnit.MILLISECONDS)
                .description("How long the oldest unsealed audit event has waited (cluster-wide)")
                .register(registry);
    }

    /** Created at start, so the gauge is there from the first scrape. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {}

    /**
     * Counted when the transaction that wrote it commits: an event rolled back with its work was
     * never written.
     */
    void written(String action, String outcome) {
        Counter counter = written.withTags("action", action, "outcome", outcome);
        AfterCompletion.register(
                transactions,
                status -> {
                    if (status == Status.STATUS_COMMITTED) {
                        counter.increment();
                    }
                });
    }

    /** The sealer's queue is short while it keeps up: its minimum is cheap without an index. */
    private Optional<Instant> oldestUnsealed() {
        return Optional.ofNullable(
                em.createQuery("select min(u.queuedAt) from UnsealedEvent u", Instant.class)
                        .getSingleResult());
    }

    private long waitedMillis(Instant since) {
        return Duration.between(since, clock.instant()).toMillis();
    }
}
