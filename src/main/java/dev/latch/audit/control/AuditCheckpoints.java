package dev.latch.audit.control;

import dev.latch.audit.entity.AuditEvent;
import dev.latch.audit.entity.AuditSeal;
import dev.latch.audit.entity.PublishedCheckpoint;
import dev.latch.platform.control.AdvisoryLock;
import dev.latch.platform.control.KeysetQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Publishes sealed checkpoints of the chain's head, and answers whether the log still holds one: a
 * tail cut or rewritten behind a published or kept checkpoint shows.
 */
@ApplicationScoped
public class AuditCheckpoints {

    private static final System.Logger LOG = System.getLogger(AuditCheckpoints.class.getName());

    @PersistenceContext EntityManager em;

    @Inject Clock clock;

    @Inject AuditChainKey chainKey;

    /**
     * A checkpoint of the head, unless the head has not moved since the last one, or the log no
     * longer holds the last one: a new checkpoint must never paper over a cut tail.
     */
    @Transactional
    public Optional<PublishedCheckpoint> publish() {
        AdvisoryLock.AUDIT_CHAIN.acquire(em); // nothing is sealed while the head is read
        Optional<String> problem =
                latest().filter(c -> !sealed(c) || !holds(AuditCheckpoint.of(c)))
                        .map(c -> "the log no longer holds checkpoint " + c.id());
        if (problem.isPresent()) {
            LOG.log(
                    System.Logger.Level.ERROR,
                    "Audit log tampered: {0}; no checkpoint is published until it is looked into",
                    problem.get());
            return Optional.empty();
        }
        return em.createNamedQuery(AuditSeal.NEWEST, AuditSeal.class)
                .setMaxResults(1)
                .getResultStream()
                .findFirst()
                .filter(head -> latest().map(c -> c.eventCount() != head.position()).orElse(true))
                .map(this::record);
    }

    /** The checkpoint of this seal: the one published, or a new one. */
    @Transactional
    public PublishedCheckpoint of(AuditSeal seal) {
        return em.createQuery(
                        "select c from PublishedCheckpoint c where c.eventCount = :position",
                        PublishedCheckpoint.class)
                .setParameter("position", seal.position())
                .setMaxResults(1)
                .getResultStream()
                .findFirst()
                .orElseGet(() -> record(seal));
    }

    /** A seal's position counts the events chained up to it, archived ones included. */
    private PublishedCheckpoint record(AuditSeal seal) {
        var checkpoint = new AuditCheckpoint(seal.position(), seal.eventId(), seal.hash());
        long id =
                ((Number)
                                em.createNativeQuery("select nextval('audit_checkpoint_seq')")
                                        .getSingleResult())
                        .longValue();
        var published =
                new PublishedCheckpoint(
                        id,
                        clock.instant(),
                        checkpoint.count(),
                        checkpoint.lastId(),
                        checkpoint.hash(),
                        checkpoint.seal(chainKey.bytes()));
        em.persist(published);
        // the server log leaves the machine: a copy of the head the database cannot take back
        LOG.log(
                System.Logger.Level.INFO,
                "Audit checkpoint: {0} events up to {1} {2}, sealed {3}",
                checkpoint.count(),
                published.lastId(),
                published.hash(),
                published.sealed());
        return published;
    }

    public Optional<PublishedCheckpoint> latest() {
        return newest("");
    }

    /** The checkpoint the events left in the table continue from, once older ones were archived. */
    public Optional<PublishedCheckpoint> anchor() {
        return newest("where c.anchor = true");
    }

    /** Up to {@code limit + 1} checkpoints, newest first. */
    public List<PublishedCheckpoint> page(String cursor, int limit) {
        return KeysetQuery.from(em, PublishedCheckpoint.class, "c").page("c.id", cursor, limit);
    }

    /**
     * The log still holds this head: the seal at its position, unchanged, naming the same event,
     * which is still there. A head among the archived events is held when it was published as it
     * is.
     */
    public boolean holds(AuditCheckpoint checkpoint) {
        Optional<PublishedCheckpoint> anchor = anchor();
        if (anchor.isPresent() && checkpoint.count() <= anchor.get().eventCount()) {
            // archived: held when published as it is before the archive; its events are in the
            // archive files
            return em.createQuery(
                            "select c from PublishedCheckpoint c where c.lastId = :id"
                                    + " and c.hash = :hash and c.eventCount = :count"
                                    + " and c.id <= :anchor",
                            PublishedCheckpoint.class)
                    .setParameter("id", checkpoint.lastId())
                    .setParameter("hash", checkpoint.hash())
                    .setParameter("count", checkpoint.count())
                    .setParameter("anchor", anchor.get().id())
                    .getResultStream()
                    .anyMatch(this::sealed);
        }
        AuditSeal head = em.find(AuditSeal.class, checkpoint.count());
        return head != null
                && head.eventId() == checkpoint.lastId()
                && head.hash().equals(checkpoint.hash())
                && em.find(AuditEvent.class, head.eventId()) != null;
    }

    /**
     * What is wrong with the published checkpoints, if anything: a seal that is not the chain
     * key's, a count or head that went backwards, an anchor with events still before it.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<String> problem() {
        PublishedCheckpoint previous = null;
        List<PublishedCheckpoint> batch;
        long after = Long.MIN_VALUE;
        do {
            batch =
                    em.createQuery(
                                    "select c from PublishedCheckpoint c where c.id > :after"
                                            + " order by c.id",
                                    PublishedCheckpoint.class)
                            .setParameter("after", after)
                            .setMaxResults(1000)
                            .getResultList();
            for (PublishedCheckpoint c : batch) {
                if (!sealed(c)) {
                    return Optional.of("checkpoint " + c.id() + " is not sealed by the chain key");
                }
                if (previous != null && c.eventCount() < previous.eventCount()) {
                    return Optional.of(
                            "checkpoint "
                                    + c.id()
                                    + " goes back behind checkpoint "
                                    + previous.id());
                }
                previous = c;
                after = c.id();
            }
            em.clear();
        } while (batch.size() == 1000);
        Optional<PublishedCheckpoint> anchor = anchor();
        if (anchor.isPresent()
                && !em.createQuery(
                                "select s.position from AuditSeal s where s.position <= :count",
                                Long.class)
                        .setParameter("count", anchor.get().eventCount())
                        .setMaxResults(1)
                        .getResultList()
                        .isEmpty()) {
            return Optional.of(
                    "events up to the anchor, checkpoint "
                            + anchor.get().id()
                            + ", are still in the log");
        }
        return Optional.empty();
    }

    /** Sealed by this server's chain key, as it says. */
    private boolean sealed(PublishedCheckpoint c) {
        try {
            return AuditCheckpoint.open(c.sealed(), chainKey.bytes()).equals(AuditCheckpoint.of(c));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Optional<PublishedCheckpoint> newest(String where) {
        return em.createQuery(
                        "select c from PublishedCheckpoint c " + where + " order by c.id desc",
                        PublishedCheckpoint.class)
                .setMaxResults(1)
                .getResultStream()
                .findFirst();
    }
}
