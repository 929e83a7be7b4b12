package dev.latch.expiry.boundary;

import dev.latch.expiry.control.ExpiryWarnings;
import dev.latch.expiry.control.WebhookSender;
import dev.latch.expiry.control.Webhooks;
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
 * {@code latch.expiry.check-interval} after the previous check ended, on every node: warns of
 * credentials that crossed a threshold (one node at a time), then sends the webhook deliveries that
 * are due (each node those it claimed). Rescheduled after each run rather than an interval timer: a
 * run waiting on slow receivers would otherwise overlap the next, which the container skips with a
 * warning every time. A bad threshold or webhook setting fails the deployment here.
 */
@Startup
@Singleton
@DependsOn("SchemaMigration")
@TransactionManagement(TransactionManagementType.BEAN)
public class ExpiryTimer {

    private static final System.Logger LOG = System.getLogger(ExpiryTimer.class.getName());

    @Resource TimerService timers;

    @Inject ExpiryWarnings warnings;

    @Inject WebhookSender sender;

    @Inject Webhooks webhooks;

    @Inject
    @ConfigProperty(name = "latch.expiry.check-interval")
    Duration interval;

    @PostConstruct
    void schedule() {
        warnings.check();
        webhooks.check();
        timers.createIntervalTimer(
                interval.toMillis(),
                interval.toMillis(),
                new TimerConfig("expiry-warnings", false));
    }

    @Timeout
    void run() {
        warnings.run();
        sender.sendDue();
    }
}
