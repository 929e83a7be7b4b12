package dev.latch.tokens.boundary;

import dev.latch.tokens.control.ExpirySweep;
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
 * Runs the expiry sweep every {@code latch.tokens.sweep-interval}; an interval timer,
 * since @Schedule cannot read config.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@TransactionManagement(TransactionManagementType.BEAN)
public class ExpirySweepTimer {

    @Resource TimerService timers;

    @Inject ExpirySweep sweep;

    @Inject
    @ConfigProperty(name = "latch.tokens.sweep-interval")
    Duration interval;

    @PostConstruct
    void schedule() {
        long millis = interval.toMillis();
        timers.createIntervalTimer(millis, millis, new TimerConfig("token-expiry-sweep", false));
    }

    @Timeout
    void sweep() {
        sweep.run();
    }
}
