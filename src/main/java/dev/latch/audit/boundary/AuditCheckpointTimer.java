package dev.latch.audit.boundary;

import dev.latch.audit.control.AuditCheckpoints;
import dev.latch.audit.control.AuditRetention;
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
 * Every {@code latch.audit.checkpoint-interval}: publishes a checkpoint of the chain's head, then
 * archives what the retention policy says is due.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@TransactionManagement(TransactionManagementType.BEAN)
public class AuditCheckpointTimer {

    private static final System.Logger LOG = System.getLogger(AuditCheckpointTimer.class.getName());

    @Resource TimerService timers;

    @Inject AuditCheckpoints checkpoints;

    @Inject AuditRetention retention;

    @Inject
    @ConfigProperty(name = "latch.audit.checkpoint-interval")
    Duration interval;

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(
                interval.toMillis(),
                interval.toMillis(),
                new TimerConfig("audit-checkpoint", false));
    }

    @Timeout
    void run() {
        checkpoints.publish();
        try {
            retention.archive();
        } catch (RuntimeException e) {
            // a refused archive keeps every event; checkpoints go on being published
            LOG.log(System.Logger.Level.ERROR, "Audit archiving failed: " + e.getMessage());
        }
    }
}
