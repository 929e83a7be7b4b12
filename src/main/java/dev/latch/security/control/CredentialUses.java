package dev.latch.security.control;

import dev.latch.platform.control.RequestInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where and when each credential was last used, and how often per day, kept off the request path: a
 * use is counted in memory, its details noted at most once per credential, node and resolution, and
 * a timer writes what was noted together (at most one statement per credential and flush, never one
 * per request).
 */
@ApplicationScoped
public class CredentialUses {

    private static final int FORGET_ABOVE = 10_000;

    /** How many days of counts are kept, today included. */
    public static final int DAYS_KEPT = 30;

    /** A use as its credential's record keeps it. */
    record Use(String table, Instant at, String sourceIp, String userAgent) {}

    /** The uses of one credential on one UTC day. */
    record Day(UUID credentialId, LocalDate day) {}

    /** What one flush writes: the latest use of each credential, and the counts per day. */
    public record Batch(Map<UUID, Use> latest, Map<Day, Long> counts) {
        public boolean isEmpty() {
            return latest.isEmpty() && counts.isEmpty();
        }
    }

    /** One day's count as the API shows it. */
    public record DailyUses(LocalDate day, long uses) {}

    /** When this node last noted each credential's details. */
    private final Map<UUID, Instant> noted = new ConcurrentHashMap<>();

    private final Map<UUID, Use> pending = new ConcurrentHashMap<>();

    private final Map<Day, Long> counts = new ConcurrentHashMap<>();

    @PersistenceContext EntityManager em;

    @Inject Clock clock;

    @Inject
    @ConfigProperty(name = "latch.tokens.last-used-resolution")
    Duration resolution;

    @Inject
    @ConfigProperty(name = "latch.node-name")
    Optional<String> configuredNode;

    private volatile String node;

    private volatile LocalDate forgotten;

    /** The name this node records uses under: {@code latch.node-name}, or its host name. */
    public String node() {
        if (node == null) {
            node = configuredNode.filter(n -> !n.isBlank()).orElseGet(CredentialUses::hostName);
        }
        return node;
    }

    /**
     * A use of the credential the caller presented; no transaction, no I/O. An HS256 JWT has no
     * record to keep it.
     */
    public void note(Caller caller, RequestInfo request) {
        UUID id = caller.tokenId();
        if (id == null) {
            return;
        }
        Instant at = clock.instant();
        counts.merge(new Day(id, day(at)), 1L, Long::sum);
        Instant previous = noted.get(id);
        if (previous != null && previous.plus(resolution).isAfter(at)) {
            return;
        }
        if (noted.size() > FORGET_ABOVE) {
            noted.values().removeIf(when -> when.plus(resolution).isBefore(at));
        }
        noted.put(id, at);
        pending.put(id, new Use(tableOf(caller), at, request.sourceIp(), request.userAgent()));
    }

    /** Takes what was noted since the last flush. */
    public Batch drain() {
        Map<UUID, Use> latest = new HashMap<>();
        pending.keySet().forEach(id -> latest.put(id, pending.remove(id)));
        Map<Day, Long> days = new HashMap<>();
        counts.keySet().forEach(day -> days.put(day, counts.remove(day)));
        return new Batch(latest, days);
    }

    /** A batch whose write failed goes back, to be written with the next. */
    public void restore(Batch batch) {
        batch.latest().forEach((id, use) -> pending.merge(id, use, CredentialUses::later));
        batch.counts().forEach((day, n) -> counts.merge(day, n, Long::sum));
    }

    /** Writes a batch in one transaction; once a day, forgets the counts older than kept. */
    @Transactional
    public void write(Batch batch) {
        String node = node();
        batch.latest()
                .forEach(
                        (id, use) ->
                                // another node may have written a later use already
                                em.createNativeQuery(
                                                "update "
                                                        + use.table()
                                                        + " set last_used_at = ?1, last_used_ip = ?2,"
                                                        + " last_used_agent = ?3, last_used_node = ?4"
                                                        + " where "
                                                        + (use.table().equals("token")
                                                                ? "id"
                                                                : "jti")
                                                        + " = ?5 and (last_used_at is null or"
                                                        + " last_used_at < ?1)")
                                        .setParameter(1, use.at())
                                        .setParameter(2, use.sourceIp())
                                        .setParameter(3, use.userAgent())
                                        .setParameter(4, node)
                                        .setParameter(5, id)
                                        .executeUpdate());
        batch.counts()
                .forEach(
                        (day, n) ->
                                em.createNativeQuery(
                                                "insert into credential_use_day (credential_id, day,"
                                                        + " uses) values (?1, ?2, ?3) on conflict"
                                                        + " (credential_id, day) do update set uses ="
                                                        + " credential_use_day.uses + excluded.uses")
                                        .setParameter(1, day.credentialId())
                                        .setParameter(2, day.day())
                                        .setParameter(3, n)
                                        .executeUpdate());
        LocalDate today = day(clock.instant());
        if (!today.equals(forgotten)) {
            em.createNativeQuery("delete from credential_use_day where day <= ?1")
                    .setParameter(1, today.minusDays(DAYS_KEPT))
                    .executeUpdate();
            forgotten = today;
        }
    }

    /**
     * The credential's uses per day over the days kept, oldest first, days without use left out.
     */
    public List<DailyUses> daily(UUID credentialId) {
        List<?> rows =
                em.createNativeQuery(
                                "select day, uses from credential_use_day where credential_id = ?1"
                                        + " and day > ?2 order by day")
                        .setParameter(1, credentialId)
                        .setParameter(2, day(clock.instant()).minusDays(DAYS_KEPT))
                        .getResultList();
        return rows.stream()
                .map(Object[].class::cast)
                .map(r -> new DailyUses(toDate(r[0]), ((Number) r[1]).longValue()))
                .toList();
    }

    /** Sessions and JWT records live in minted_jwt; every opaque kind in token. */
    static String tableOf(Caller caller) {
        return caller.kind().equals("session") || caller.kind().equals("jwt")
                ? "minted_jwt"
                : "token";
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    private static LocalDate toDate(Object value) {
        return value instanceof java.sql.Date date ? date.toLocalDate() : (LocalDate) value;
    }

    private static Use later(Use a, Use b) {
        return a.at().isAfter(b.at()) ? a : b;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
