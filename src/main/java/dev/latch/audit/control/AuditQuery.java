package dev.latch.audit.control;

import dev.latch.audit.entity.AuditEvent;
import dev.latch.platform.control.LatchException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the audit log newest first, filtered, in keyset pages (the cursor is the last id seen). */
@ApplicationScoped
public class AuditQuery {

    public record Filter(String actor, String action, String target, String outcome, Instant since, Instant until) {
    }

    @PersistenceContext
    EntityManager em;

    /** Up to {@code limit + 1} events, so the caller can tell whether another page exists. */
    public List<AuditEvent> page(Filter filter, String cursor, int limit) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("actor", filter.actor());
        parameters.put("action", filter.action());
        parameters.put("target", filter.target());
        parameters.put("outcome", filter.outcome());
        List<String> conditions = new ArrayList<>();
        parameters.entrySet().removeIf(p -> p.getValue() == null);
        parameters.keySet().forEach(name -> conditions.add("e." + name + " = :" + name));
        if (filter.since() != null) {
            conditions.add("e.at >= :since");
            parameters.put("since", filter.since());
        }
        if (filter.until() != null) {
            conditions.add("e.at < :until");
            parameters.put("until", filter.until());
        }
        if (cursor != null) {
            conditions.add("e.id < :before");
            parameters.put("before", parseCursor(cursor));
        }
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        TypedQuery<AuditEvent> query = em.createQuery("select e from AuditEvent e" + where + " order by e.id desc",
                AuditEvent.class);
        parameters.forEach(query::setParameter);
        return query.setMaxResults(limit + 1).getResultList();
    }

    private static long parseCursor(String cursor) {
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw LatchException.invalidArgument("cursor is not a cursor this server issued");
        }
    }
}
