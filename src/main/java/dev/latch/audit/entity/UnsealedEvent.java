package dev.latch.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An event the sealer has not sealed yet; a database trigger queues every event when it is written,
 * with the time its transaction started.
 */
@Entity
@Table(name = "audit_unsealed")
public class UnsealedEvent {

    @Id
    @Column(name = "event_id")
    private Long eventId;

    @Column(name = "queued_at")
    private Instant queuedAt;

    protected UnsealedEvent() {}

    public long eventId() {
        return eventId;
    }

    public Instant queuedAt() {
        return queuedAt;
    }
}
