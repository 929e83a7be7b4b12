package dev.latch.audit.boundary;

import dev.latch.audit.control.AuditSeals;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every {@code latch.audit.seal-interval}: seals what was written since, batch after batch, on the
 * one node that holds the chain's lock; the others find it taken and skip the round.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@TransactionManagement(TransactionManagementType.BEAN)
public class AuditSealTimer {

    @Resource TimerService timers;

    @Inject AuditSeals seals;

    @Inject
    @ConfigProperty(name = "latch.audit.seal-interval")
    Duration interval;

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(
                interval.toMillis(), interval.toMillis(), new TimerConfig("audit-seal", false));
    }

    @Timeout
    void run() {
        int sealed;
        do {
            sealed = seals.seal(); // a backlog goes in batches, each in its own transaction
        } while (sealed == AuditSeals.BATCH);
    }
}
