package dev.latch.audit.control;

import dev.latch.audit.entity.AuditSeal;
import dev.latch.audit.entity.PublishedCheckpoint;
import dev.latch.platform.control.AdvisoryLock;
import dev.latch.platform.control.WireJson;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the audit table to {@code latch.audit.retention}: events older than that are sealed in a
 * checkpoint, written to an archive file, checked against it and removed; the checkpoint becomes
 * the anchor the rest of the chain is verified from.
 */
@ApplicationScoped
public class AuditRetention {

    private static final System.Logger LOG = System.getLogger(AuditRetention.class.getName());

    /** audit_archive() never removes younger events, whatever is configured. */
    static final Duration FLOOR = Duration.ofDays(30);

    @PersistenceContext EntityManager em;

    @Inject Clock clock;

    @Inject AuditChainKey chainKey;

    @Inject AuditCheckpoints checkpoints;

    @Inject AuditSeals seals;

    @Inject
    @ConfigProperty(name = "latch.audit.retention")
    Duration retention;

    @Inject
    @ConfigProperty(name = "latch.audit.archive-dir")
    Optional<String> archiveDir;

    @Inject
    @ConfigProperty(name = "latch.data-dir")
    String dataDir;

    /**
     * One line per event, as the API shows it, with its MAC and its seal: position, previous hash
     * and hash.
     */
    public record ArchivedEvent(
            AuditEventView event, long position, String mac, String prevHash, String hash) {}

    /**
     * The archive file's first line: the chain runs from {@code from} (or the start) to {@code to}.
     */
    public record ArchiveHeader(String from, String to) {}

    @PostConstruct
    void check() {
        if (retention.compareTo(FLOOR) < 0) {
            throw new IllegalStateException(
                    "latch.audit.retention must be at least 30d: younger events are never archived");
        }
    }

    /** Archives what is due, once across nodes; the number of events removed. */
    @Transactional
    public long archive() {
        if (!AdvisoryLock.AUDIT_ARCHIVE.tryAcquire(em)) {
            return 0;
        }
        Optional<PublishedCheckpoint> anchor = checkpoints.anchor();
        long after = anchor.map(PublishedCheckpoint::eventCount).orElse(0L);
        // archived up to the newest seal past retention that no younger event precedes
        Long firstYoung =
                em.createQuery(
                                "select min(s.position) from AuditSeal s, AuditEvent e"
                                        + " where e.id = s.eventId and e.at >= :cutoff",
                                Long.class)
                        .setParameter("cutoff", clock.instant().minus(retention))
                        .getSingleResult();
        Optional<AuditSeal> lastOld =
                em.createQuery(
                                "select s from AuditSeal s where s.position > :after"
                                        + " and s.position < :young order by s.position desc",
                                AuditSeal.class)
                        .setParameter("after", after)
                        .setParameter("young", firstYoung == null ? Long.MAX_VALUE : firstYoung)
                        .setMaxResults(1)
                        .getResultStream()
                        .findFirst();
        if (lastOld.isEmpty()) {
            return 0;
        }
        PublishedCheckpoint due = checkpoints.of(lastOld.get());
        Path file = write(anchor, due);
        long removed =
                ((Number)
                                em.createNativeQuery("select audit_archive(?1)")
                                        .setParameter(1, due.id())
                                        .getSingleResult())
                        .longValue();
        LOG.log(
                System.Logger.Level.INFO,
                "Archived {0} audit events up to {1} into {2}",
                removed,
                due.lastId(),
                file);
        return removed;
    }

    /** Writes the events from the anchor to {@code to}, refusing when they no longer chain. */
    private Path write(Optional<PublishedCheckpoint> from, PublishedCheckpoint to) {
        AuditChain.Verifier verifier =
                AuditChain.Verifier.from(chainKey.bytes(), from.map(AuditCheckpoint::of));
        long after = from.map(PublishedCheckpoint::eventCount).orElse(0L);
        Path dir = archiveDir.map(Path::of).orElse(Path.of(dataDir, "audit-archive"));
        Path file = dir.resolve("audit-" + (after + 1) + "-" + to.eventCount() + ".jsonl");
        try {
            Files.createDirectories(dir);
            Path partial = Files.createTempFile(dir, "audit-", ".partial");
            try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                line(
                        out,
                        new ArchiveHeader(
                                from.map(PublishedCheckpoint::sealed).orElse(null), to.sealed()));
                seals.walk(
                        after,
                        to.eventCount(),
                        (seal, event) -> {
                            verifier.accept(seal, event);
                            if (verifier.ok()) {
                                line(
                                        out,
                                        new ArchivedEvent(
                                                AuditEventView.of(event),
                                                seal.position(),
                                                event.hash(),
                                                seal.prevHash(),
                                                seal.hash()));
                            }
                            return verifier.ok();
                        });
            }
            if (!verifier.ok()
                    || verifier.last() == null
                    || !verifier.last().hash().equals(to.hash())) {
                Files.delete(partial);
                throw new IllegalStateException(
                        "audit events up to position "
                                + to.eventCount()
                                + " do not chain to their checkpoint"
                                + " (first bad id "
                                + verifier.firstBadId()
                                + "); nothing archived");
            }
            return Files.move(
                    partial,
                    file,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit archive in " + dir, e);
        }
    }

    private static void line(Writer out, Object value) {
        try {
            out.write(WireJson.JSONB.toJson(value));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit archive", e);
        }
    }
}
