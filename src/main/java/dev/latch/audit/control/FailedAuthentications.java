package dev.latch.audit.control;

import dev.latch.platform.control.RequestInfo;
import dev.latch.security.control.AuthenticationFailed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every refused credential becomes an {@code auth.failed} event; the credential itself never does.
 * Anonymous refusals are aggregated: per source address, action and reason, the first of each
 * interval is written, the rest are counted into one {@code <action>_repeated} event when the
 * interval ends, so an anonymous client cannot fill the log or queue every audited write.
 */
@ApplicationScoped
public class FailedAuthentications {

    /** What is counted together: one source, one action, one reason. */
    record Key(String sourceIp, String action, String code) {}

    /** An interval of one key: when it began, how many refusals it left unwritten, the last one. */
    static final class Interval {
        final Instant start;
        int suppressed;
        AuditTrail.Entry last;

        Interval(Instant start) {
            this.start = start;
        }
    }

    private final Map<Key, Interval> intervals = new ConcurrentHashMap<>();

    @Inject AuditTrail trail;

    @Inject Clock clock;

    @Inject
    @ConfigProperty(name = "latch.audit.failure-aggregation")
    Duration aggregation;

    void record(@Observes AuthenticationFailed failed) {
        refused(
                new AuditTrail.Entry(
                        Optional.empty(),
                        "auth.failed",
                        failed.path(),
                        failed.failure().status(),
                        failed.failure().code().code(),
                        failed.request(),
                        failed.failure().getMessage()));
    }

    /** A refusal of a caller nobody knows (a login, an exchange): written first, then counted. */
    public void refused(AuditTrail.Entry entry) {
        Instant now = clock.instant();
        Key key = new Key(entry.request().sourceIp(), entry.action(), entry.code());
        boolean[] first = {false};
        intervals.compute(
                key,
                (k, open) -> {
                    if (open == null || !open.start.plus(aggregation).isAfter(now)) {
                        if (open != null && open.suppressed > 0) {
                            writeRepeated(open);
                        }
                        first[0] = true;
                        return new Interval(now);
                    }
                    open.suppressed++;
                    open.last = entry;
                    return open;
                });
        if (first[0]) {
            trail.append(entry);
        }
    }

    /** Writes the counts of every interval that has ended (the timer's work). */
    public void flush() {
        Instant now = clock.instant();
        intervals.forEach(
                (key, open) -> {
                    if (!open.start.plus(aggregation).isAfter(now)
                            && intervals.remove(key, open)
                            && open.suppressed > 0) {
                        writeRepeated(open);
                    }
                });
    }

    private void writeRepeated(Interval interval) {
        AuditTrail.Entry last = interval.last;
        trail.append(
                new AuditTrail.Entry(
                        null,
                        null,
                        last.action() + "_repeated",
                        last.target(),
                        last.status(),
                        last.code(),
                        new RequestInfo(
                                null, last.request().sourceIp(), last.request().userAgent()),
                        interval.suppressed
                                + " more refusals like this from this source since "
                                + interval.start
                                + "; last: "
                                + last.detail()));
    }
}
