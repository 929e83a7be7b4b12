package dev.latch.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * An event's place in the chain: its position, the previous seal's hash and this one's, which
 * covers the position, the event's id and its MAC. Append-only; written by the sealer.
 */
@Entity
@Table(name = "audit_seal")
@NamedQuery(name = AuditSeal.NEWEST, query = "select s from AuditSeal s order by s.position desc")
public class AuditSeal {

    /** The head of the chain first. */
    public static final String NEWEST = "AuditSeal.newest";

    @Id private Long position;

    @Column(name = "event_id")
    private long eventId;

    @Column(name = "prev_hash")
    private String prevHash;

    private String hash;

    protected AuditSeal() {}

    public AuditSeal(long position, long eventId, String prevHash, String hash) {
        this.position = position;
        this.eventId = eventId;
        this.prevHash = prevHash;
        this.hash = hash;
    }

    public long position() {
        return position;
    }

    public long eventId() {
        return eventId;
    }

    public String prevHash() {
        return prevHash;
    }

    public String hash() {
        return hash;
    }
}
