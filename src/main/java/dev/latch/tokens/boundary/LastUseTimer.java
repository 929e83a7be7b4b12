package dev.latch.tokens.boundary;

import dev.latch.tokens.control.LastUse;
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
 * node stops.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@TransactionManagement(TransactionManagementType.BEAN)
public class LastUseTimer {

    @Resource TimerService timers;

    @Inject LastUse lastUse;

    @Inject
    @ConfigProperty(name = "latch.tokens.last-used-flush")
    Duration interval;

    @PostConstruct
    void schedule() {
        long millis = interval.toMillis();
        timers.createIntervalTimer(millis, millis, new TimerConfig("last-use-flush", false));
    }

    @Timeout
    @PreDestroy
    void flush() {
        lastUse.flush();
    }
}
