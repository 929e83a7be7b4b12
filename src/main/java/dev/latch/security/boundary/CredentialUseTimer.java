package dev.latch.security.boundary;

import dev.latch.security.control.CredentialUses;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
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
 * Every {@code latch.tokens.last-used-flush}, writes the uses this node noted; once more when the
 * node stops. A failed write keeps its uses for the next one.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@TransactionManagement(TransactionManagementType.BEAN)
public class CredentialUseTimer {

    private static final System.Logger LOG = System.getLogger(CredentialUseTimer.class.getName());

    @Resource TimerService timers;

    @Inject CredentialUses uses;

    @Inject
    @ConfigProperty(name = "latch.tokens.last-used-flush")
    Duration interval;

    @PostConstruct
    void schedule() {
        long millis = interval.toMillis();
        timers.createIntervalTimer(millis, millis, new TimerConfig("credential-use-flush", false));
    }

    @Timeout
    @PreDestroy
    void flush() {
        CredentialUses.Batch batch = uses.drain();
        if (batch.isEmpty()) {
            return;
        }
        try {
            uses.write(batch);
        } catch (RuntimeException e) {
            uses.restore(batch);
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Writing credential uses failed; kept for the next flush: {0}",
                    e.toString());
        }
    }
}
