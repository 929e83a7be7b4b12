package dev.latch.expiry.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One warning on its way to one webhook URL, and the log of its attempts. Its body is fixed at
 * creation, so each attempt sends the same bytes under the same signature.
 */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery {

    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";

    /** Its credential was revoked or expired before the delivery went out: never sent again. */
    public static final String CANCELLED = "cancelled";

    @Id private UUID id;

    @Column(name = "credential_id")
    private UUID credentialId;

    private String threshold;
    private String url;
    private String body;
    private String status;
    private int attempts;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "last_attempt_at")
    private Instant lastAttemptAt;

    @Column(name = "last_status")
    private Integer lastStatus;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    protected WebhookDelivery() {}

    /**
     * Taken by this node for one attempt: no node picks it again before {@code leaseUntil}, when a
     * node that died while sending leaves it to the others.
     */
    public void claim(Instant now, Instant leaseUntil) {
        if (!PENDING.equals(status)) {
            throw new IllegalStateException("delivery " + id + " is " + status);
        }
        attempts++;
        lastAttemptAt = now;
        nextAttemptAt = leaseUntil;
    }

    /** The receiver answered 2xx. */
    public void delivered(Instant at, int httpStatus) {
        status = DELIVERED;
        deliveredAt = at;
        lastStatus = httpStatus;
        lastError = null;
        nextAttemptAt = null;
    }

    /**
     * The attempt failed ({@code httpStatus} null: no answer); tried again at {@code retryAt}, or
     * failed for good when that is null.
     */
    public void attemptFailed(Integer httpStatus, String error, Instant retryAt) {
        lastStatus = httpStatus;
        lastError = error == null || error.length() <= 500 ? error : error.substring(0, 500);
        if (retryAt == null) {
            status = FAILED;
            nextAttemptAt = null;
        } else {
            nextAttemptAt = retryAt;
        }
    }

    public UUID id() {
        return id;
    }

    public UUID credentialId() {
        return credentialId;
    }

    public String threshold() {
        return threshold;
    }

    public String url() {
        return url;
    }

    public String body() {
        return body;
    }

    /** {@code pending}, {@code delivered} or {@code failed}. */
    public String status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public Instant lastAttemptAt() {
        return lastAttemptAt;
    }

    public Integer lastStatus() {
        return lastStatus;
    }

    public String lastError() {
        return lastError;
    }

    public Instant deliveredAt() {
        return deliveredAt;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookDelivery d && id.equals(d.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
