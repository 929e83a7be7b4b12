package dev.latch.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A checkpoint of the audit chain as the timer published it; append-only. The anchor is the one the
 * chain left in the table is verified from, once the events before it were archived.
 */
@Entity
@Table(name = "audit_checkpoint")
public class PublishedCheckpoint {

    /** Taken from audit_checkpoint_seq. */
    @Id private Long id;

    private Instant at;

    @Column(name = "event_count")
    private long eventCount;

    @Column(name = "last_id")
    private long lastId;

    private String hash;
    private String sealed;
    private boolean anchor;

    protected PublishedCheckpoint() {}

    public PublishedCheckpoint(
            long id, Instant at, long eventCount, long lastId, String hash, String sealed) {
        this.id = id;
        this.at = at;
        this.eventCount = eventCount;
        this.lastId = lastId;
        this.hash = hash;
        this.sealed = sealed;
    }

    public Long id() {
        return id;
    }

    public Instant at() {
        return at;
    }

    public long eventCount() {
        return eventCount;
    }

    public long lastId() {
        return lastId;
    }

    public String hash() {
        return hash;
    }

    public String sealed() {
        return sealed;
    }

    public boolean anchor() {
        return anchor;
    }
}
