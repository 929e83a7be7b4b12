package dev.latch.audit.control;

import dev.latch.audit.entity.AuditEvent;
import java.time.Instant;
import java.util.UUID;

/** An audit event as the API shows it and the archive keeps it. */
public record AuditEventView(
        long id,
        Instant at,
        String actor,
        UUID actorTokenId,
        String action,
        String target,
        String outcome,
        int status,
        String code,
        String sourceIp,
        String userAgent,
        String requestId,
        String detail) {

    public static AuditEventView of(AuditEvent e) {
        return new AuditEventView(
                e.id(),
                e.at(),
                e.actor(),
                e.actorTokenId(),
                e.action(),
                e.target(),
                e.outcome(),
                e.status(),
                e.code(),
                e.sourceIp(),
                e.userAgent(),
                e.requestId(),
                e.detail());
    }
}
