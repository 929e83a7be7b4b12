package dev.latch.audit.control;

import dev.latch.audit.entity.AuditEvent;
import dev.latch.platform.control.KeysetQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/** Reads the audit log newest first, filtered, in keyset pages (the cursor is the last id seen). */
@ApplicationScoped
public class AuditQuery {

    public record Filter(
            String actor,
            String action,
            String target,
            String outcome,
            Instant since,
            Instant until) {}

    @PersistenceContext EntityManager em;

    /** Up to {@code limit + 1} events, so the caller can tell whether another page exists. */
    public List<AuditEvent> page(Filter filter, String cursor, int limit) {
        return KeysetQuery.from(em, AuditEvent.class, "e")
                .where("e.actor = :actor", "actor", filter.actor())
                .where("e.action = :action", "action", filter.action())
                .where("e.target = :target", "target", filter.target())
                .where("e.outcome = :outcome", "outcome", filter.outcome())
                .where("e.at >= :since", "since", filter.since())
                .where("e.at < :until", "until", filter.until())
                .page("e.id", cursor, limit);
    }
}
