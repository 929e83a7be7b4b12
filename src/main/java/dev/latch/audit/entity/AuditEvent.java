package dev.latch.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One line of the append-only audit log, with a MAC of its fields; its seal gives it a place in the
 * chain. Never holds a secret.
 */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    /** Taken from audit_event_seq before the event exists, because the hash covers it. */
    @Id private Long id;

    private Instant at;
    private String actor;

    @Column(name = "actor_token_id")
    private UUID actorTokenId;

    private String action;
    private String target;
    private String outcome;
    private int status;
    private String code;

    @Column(name = "source_ip")
    private String sourceIp;

    @Column(name = "user_agent")
    private String userAgent;

    @Column(name = "request_id")
    private String requestId;

    private String detail;

    @Column(name = "prev_hash")
    private String prevHash;

    private String hash;

    protected AuditEvent() {}

    public AuditEvent(
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
        this.id = id;
        this.at = at;
        this.actor = actor;
        this.actorTokenId = actorTokenId;
        this.action = action;
        this.target = target;
        this.outcome = outcome;
        this.status = status;
        this.code = code;
        this.sourceIp = sourceIp;
        this.userAgent = userAgent;
        this.requestId = requestId;
        this.detail = detail;
    }

    /** Sets the MAC of the event's fields, before it is persisted; the sealer chains it later. */
    public void authenticate(String mac) {
        chainAfter(null, mac);
    }

    /** Links this event after {@code prevHash}, as Latch did before events were sealed. */
    public void chainAfter(String prevHash, String hash) {
        if (this.hash != null) {
            throw new IllegalStateException("audit event " + id + " is already chained");
        }
        this.prevHash = prevHash;
        this.hash = hash;
    }

    public Long id() {
        return id;
    }

    public Instant at() {
        return at;
    }

    public String actor() {
        return actor;
    }

    public UUID actorTokenId() {
        return actorTokenId;
    }

    public String action() {
        return action;
    }

    public String target() {
        return target;
    }

    public String outcome() {
        return outcome;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String sourceIp() {
        return sourceIp;
    }

    public String userAgent() {
        return userAgent;
    }

    public String requestId() {
        return requestId;
    }

    public String detail() {
        return detail;
    }

    public String prevHash() {
        return prevHash;
    }

    public String hash() {
        return hash;
    }
}
