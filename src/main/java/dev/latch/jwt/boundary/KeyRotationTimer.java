package dev.latch.jwt.boundary;

import dev.latch.jwt.control.SigningKeys;
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
 * Maintains the signing keys at start (the first key) and every {@code
 * latch.jwt.key-check-interval}.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@TransactionManagement(TransactionManagementType.BEAN)
public class KeyRotationTimer {

    @Resource TimerService timers;

    @Inject SigningKeys keys;

    @Inject
    @ConfigProperty(name = "latch.jwt.key-check-interval")
    Duration interval;

    @PostConstruct
    void start() {
        keys.maintain();
        long millis = interval.toMillis();
        timers.createIntervalTimer(
                millis, millis, new TimerConfig("signing-key-maintenance", false));
    }

    @Timeout
    void maintain() {
        keys.maintain();
    }
}
