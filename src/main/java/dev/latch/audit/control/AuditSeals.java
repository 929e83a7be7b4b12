package dev.latch.audit.control;

import dev.latch.audit.entity.AuditEvent;
import dev.latch.audit.entity.AuditSeal;
import dev.latch.audit.entity.UnsealedEvent;
import dev.latch.platform.control.AdvisoryLock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The sealer: gives each written event its place in the chain, one node at a time, in batches; and
 * walks the chain and the events still waiting for it.
 */
@ApplicationScoped
public class AuditSeals {

    private static final System.Logger LOG = System.getLogger(AuditSeals.class.getName());

    public static final int BATCH = 1000;

    /**
     * Far longer than any transaction may run: an event queued this long after it was written was
     * put back into the table, not written by Latch.
     */
    static final Duration MAX_QUEUE_DELAY = Duration.ofHours(1);

    @PersistenceContext EntityManager em;

    @Inject AuditChainKey chainKey;

    @Inject AuditCheckpoints checkpoints;

    @Inject Clock clock;

    /** Longer than any transaction may run: an event waiting longer means the sealer is stuck. */
    @Inject
    @ConfigProperty(name = "latch.audit.seal-deadline")
    Duration deadline;

    /**
     * Queued events this node refused to seal, logged once each; they stay queued, are looked at
     * again each round, and verify names them.
     */
    private final Set<Long> refused = ConcurrentHashMap.newKeySet();

    /** The place of a seal: where the chain stands, to go on from. */
    private record Head(long position, String hash) {}

    /** Events written but not sealed, and what is wrong with them, if anything. */
    public record Unsealed(long count, Long firstBadId, String problem) {}

    /**
     * Seals up to {@link #BATCH} queued events in id order, unless another node is sealing; the
     * number sealed. Only an event with its own valid MAC, queued when it was written, is sealed.
     */
    @Transactional
    public int seal() {
        if (!AdvisoryLock.AUDIT_CHAIN.tryAcquire(em)) {
            return 0;
        }
        List<UnsealedEvent> queued =
                em.createQuery(
                                "select u from UnsealedEvent u order by u.eventId",
                                UnsealedEvent.class)
                        .setMaxResults(BATCH)
                        .getResultList();
        if (queued.isEmpty()) {
            return 0;
        }
        Map<Long, AuditEvent> events =
                em.createQuery("select e from AuditEvent e where e.id in :ids", AuditEvent.class)
                        .setParameter("ids", queued.stream().map(UnsealedEvent::eventId).toList())
                        .getResultStream()
                        .collect(Collectors.toMap(AuditEvent::id, Function.identity()));
        Head head = head();
        long position = head.position();
        String prev = head.hash();
        List<Long> done = new ArrayList<>();
        for (UnsealedEvent u : queued) {
            AuditEvent e = events.get(u.eventId());
            if (e != null && !sealable(e, u)) {
                logRefusal(e.id());
                continue;
            }
            if (e != null) { // a queue entry without its event names nothing: it just goes
                position++;
                String hash = AuditChain.seal(position, e, prev, chainKey.bytes());
                em.persist(new AuditSeal(position, e.id(), prev, hash));
                prev = hash;
            }
            done.add(u.eventId());
        }
        if (!done.isEmpty()) {
            em.createQuery("delete from UnsealedEvent u where u.eventId in :ids")
                    .setParameter("ids", done)
                    .executeUpdate();
        }
        return done.size();
    }

    private boolean sealable(AuditEvent e, UnsealedEvent u) {
        return AuditChain.authentic(e, chainKey.bytes())
                && !u.queuedAt().isAfter(e.at().plus(MAX_QUEUE_DELAY));
    }

    private void logRefusal(long eventId) {
        if (refused.add(eventId)) {
            LOG.log(
                    System.Logger.Level.ERROR,
                    "Audit event {0} is not sealed: it is not one Latch wrote (its MAC does not"
                            + " verify, or it was queued long after it was written)",
                    eventId);
        }
    }

    /** The newest seal, else the anchor's, else the start of the chain. */
    private Head head() {
        return newest().map(s -> new Head(s.position(), s.hash()))
                .orElseGet(
                        () ->
                                checkpoints
                                        .anchor()
                                        .map(a -> new Head(a.eventCount(), a.hash()))
                                        .orElse(new Head(0, AuditChain.GENESIS)));
    }

    /** The newest seal, if any is left in the table. */
    private Optional<AuditSeal> newest() {
        return em.createNamedQuery(AuditSeal.NEWEST, AuditSeal.class)
                .setMaxResults(1)
                .getResultStream()
                .findFirst();
    }

    /**
     * Hands the seals after {@code after} up to {@code to} in position order, each with its event
     * (null when it is gone), while {@code goOn} says so.
     */
    public void walk(long after, long to, BiPredicate<AuditSeal, AuditEvent> goOn) {
        List<Object[]> batch;
        do {
            batch =
                    em.createQuery(
                                    "select s, e from AuditSeal s left join AuditEvent e on e.id ="
                                            + " s.eventId where s.position > :after and s.position"
                                            + " <= :to order by s.position",
                                    Object[].class)
                            .setParameter("after", after)
                            .setParameter("to", to)
                            .setMaxResults(BATCH)
                            .getResultList();
            for (Object[] row : batch) {
                AuditSeal s = (AuditSeal) row[0];
                after = s.position();
                if (!goOn.test(s, (AuditEvent) row[1])) {
                    return;
                }
            }
            em.clear();
        } while (batch.size() == BATCH);
    }

    /**
     * The events without a seal: each must be queued, carry its own MAC, have been queued when it
     * was written, and wait no longer than {@code latch.audit.seal-deadline}.
     */
    public Unsealed unsealed() {
        List<Object[]> rows =
                em.createQuery(
                                "select e, u from AuditEvent e left join UnsealedEvent u on"
                                        + " u.eventId = e.id where not exists (select s from"
                                        + " AuditSeal s where s.eventId = e.id) order by e.id",
                                Object[].class)
                        .getResultList();
        for (Object[] row : rows) {
            AuditEvent e = (AuditEvent) row[0];
            Optional<String> problem = problem(e, (UnsealedEvent) row[1]);
            if (problem.isPresent()) {
                return new Unsealed(rows.size(), e.id(), problem.get());
            }
        }
        em.clear();
        return new Unsealed(rows.size(), null, null);
    }

    /** What is wrong with an event that has no seal yet, if anything; {@code u} its queue entry. */
    private Optional<String> problem(AuditEvent e, UnsealedEvent u) {
        if (u == null) {
            return Optional.of("event " + e.id() + " is neither sealed nor waiting to be sealed");
        }
        if (!sealable(e, u)) {
            return Optional.of(
                    "event "
                            + e.id()
                            + " was not written by Latch (its MAC does not verify, or it was put"
                            + " into the table long after its time)");
        }
        if (u.queuedAt().isBefore(clock.instant().minus(deadline))) {
            return Optional.of(
                    "event "
                            + e.id()
                            + " has waited for its seal since "
                            + u.queuedAt()
                            + ": the sealer is not sealing");
        }
        return Optional.empty();
    }
}
