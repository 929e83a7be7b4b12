package dev.latch.audit.boundary;

import dev.latch.audit.control.FailedAuthentications;
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
 * Writes the counted refusals of ended intervals, every {@code latch.audit.failure-aggregation}.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@TransactionManagement(TransactionManagementType.BEAN)
public class FailureAggregationTimer {

    @Resource TimerService timers;

    @Inject FailedAuthentications failures;

    @Inject
    @ConfigProperty(name = "latch.audit.failure-aggregation")
    Duration interval;

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(
                interval.toMillis(),
                interval.toMillis(),
                new TimerConfig("auth-failure-aggregation", false));
    }

    @Timeout
    void flush() {
        failures.flush();
    }
}
