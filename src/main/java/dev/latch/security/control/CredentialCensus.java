package dev.latch.security.control;

import dev.latch.platform.control.Recent;
import dev.latch.platform.control.Ttl;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The credentials of one table (kind, revoked_at, expires_at) by kind and status, and the active
 * ones expiring within each window ({@code latch.expiry.thresholds}, the thresholds of the expiry
 * warnings). Status is derived as the entities derive it: revoked if revoked, else expired from its
 * expiry on.
 */
public final class CredentialCensus {

    private static final int REVOKED = 0;
    private static final int EXPIRED = 1;
    private static final int FIRST_WINDOW = 2;

    /** The windows, shortest first. */
    private final List<Duration> windows;

    /** Per kind: revoked, expired, active by the first window it expires in, active beyond. */
    private final Map<String, long[]> buckets;

    private CredentialCensus(List<Duration> windows, Map<String, long[]> buckets) {
        this.windows = windows;
        this.buckets = buckets;
    }

    /** The windows of {@code latch_credentials_expiring}, shortest first, each once. */
    public static List<Duration> windows(List<Duration> configured) {
        return configured.stream().distinct().sorted().toList();
    }

    /**
     * One pass over the table, each row put into one bucket, a handful of rows back. The counts by
     * status need every row (no index holds kind and revoked_at), so the same pass serves the
     * expiry windows, which the expiry index would only serve in a second query
     * (docs/benchmarks.md, "Metrics").
     */
    public static CredentialCensus read(
            EntityManager em, String table, Instant now, List<Duration> configured) {
        List<Duration> windows = windows(configured);
        StringBuilder bucket =
                new StringBuilder("case when revoked_at is not null then " + REVOKED);
        bucket.append(" when expires_at <= ?1 then ").append(EXPIRED);
        for (int i = 0; i < windows.size(); i++) {
            bucket.append(" when expires_at <= ?").append(i + 2).append(" then ");
            bucket.append(FIRST_WINDOW + i);
        }
        bucket.append(" else ").append(FIRST_WINDOW + windows.size()).append(" end");
        var query =
                em.createNativeQuery(
                        "select kind, " + bucket + ", count(*) from " + table + " group by 1, 2");
        query.setParameter(1, now);
        for (int i = 0; i < windows.size(); i++) {
            query.setParameter(i + 2, now.plus(windows.get(i)));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return of(windows, rows);
    }

    /** From rows of (kind, bucket, count). */
    static CredentialCensus of(List<Duration> windows, List<Object[]> rows) {
        Map<String, long[]> buckets = new HashMap<>();
        for (Object[] row : rows) {
            buckets.computeIfAbsent((String) row[0], k -> new long[buckets(windows)])[
                            ((Number) row[1]).intValue()] =
                    ((Number) row[2]).longValue();
        }
        return new CredentialCensus(windows, buckets);
    }

    private static int buckets(List<Duration> windows) {
        return FIRST_WINDOW + windows.size() + 1;
    }

    private long[] of(String kind) {
        return buckets.getOrDefault(kind, new long[buckets(windows)]);
    }

    /** {@code status}: active, expired or revoked. */
    public long count(String kind, String status) {
        long[] of = of(kind);
        return switch (status) {
            case "revoked" -> of[REVOKED];
            case "expired" -> of[EXPIRED];
            case "active" -> sum(of, FIRST_WINDOW, of.length);
            default -> throw new IllegalArgumentException(status);
        };
    }

    /** Active and expiring within {@code windows.get(window)}. */
    public long expiring(String kind, int window) {
        return sum(of(kind), FIRST_WINDOW, FIRST_WINDOW + window + 1);
    }

    private static long sum(long[] of, int from, int to) {
        long sum = 0;
        for (int i = from; i < to; i++) {
            sum += of[i];
        }
        return sum;
    }

    /**
     * The gauges {@code latch_credentials{kind, status}} and {@code
     * latch_credentials_expiring{kind, within}} of these kinds, read from {@code census}; zero for
     * a kind without rows. {@code within} is each window as configured ({@code 7d}, {@code 12h}), a
     * set fixed at start.
     */
    public static void register(
            MeterRegistry registry,
            List<String> kinds,
            List<Duration> configured,
            Recent<CredentialCensus> census) {
        List<Duration> windows = windows(configured);
        for (String kind : kinds) {
            for (String status : List.of("active", "expired", "revoked")) {
                Gauge.builder("latch.credentials", () -> census.gauge(c -> c.count(kind, status)))
                        .description("Credentials stored, by kind and status (cluster-wide)")
                        .tags("kind", kind, "status", status)
                        .register(registry);
            }
            for (int i = 0; i < windows.size(); i++) {
                int window = i;
                Gauge.builder(
                                "latch.credentials.expiring",
                                () -> census.gauge(c -> c.expiring(kind, window)))
                        .description("Active credentials expiring within the window (cluster-wide)")
                        .tags("kind", kind, "within", Ttl.format(windows.get(i)))
                        .register(registry);
            }
        }
    }
}
