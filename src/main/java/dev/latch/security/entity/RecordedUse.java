package dev.latch.security.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;

/**
 * The last-use columns every credential record has (token and minted_jwt alike), written in bulk by
 * the uses' flush, never through the entity.
 */
@Embeddable
public class RecordedUse {

    @Column(name = "last_used_at")
    private Instant at;

    @Column(name = "last_used_ip")
    private String sourceIp;

    @Column(name = "last_used_agent")
    private String userAgent;

    @Column(name = "last_used_node")
    private String node;

    /** False for a record older than use recording for its kind (V11). */
    @Column(name = "use_recorded")
    private boolean recorded = true;

    public LastUse view() {
        return LastUse.of(at, sourceIp, userAgent, node, recorded);
    }
}
