package dev.latch.expiry.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A credential crossed a threshold before its expiry and was warned of, once: written only by the
 * timer's {@code INSERT … ON CONFLICT DO NOTHING}, read here. It keeps what it names, so every
 * delivery of it says the same.
 */
@Entity
@Table(name = "expiry_warning")
public class ExpiryWarning {

    /** The primary key: one warning per credential and threshold. */
    @Embeddable
    public static class Key implements Serializable {

        @Column(name = "credential_id")
        private UUID credentialId;

        private String threshold;

        protected Key() {}

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k
                    && credentialId.equals(k.credentialId)
                    && threshold.equals(k.threshold);
        }

        @Override
        public int hashCode() {
            return Objects.hash(credentialId, threshold);
        }
    }

    @EmbeddedId private Key key;

    private String kind;
    private String name;

    @Column(name = "owner_id")
    private UUID ownerId;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "warned_at")
    private Instant warnedAt;

    protected ExpiryWarning() {}

    public UUID credentialId() {
        return key.credentialId;
    }

    /** As configured, e.g. {@code 7d}. */
    public String threshold() {
        return key.threshold;
    }

    public String kind() {
        return kind;
    }

    /** A token's name, a JWT's subject. */
    public String name() {
        return name;
    }

    public UUID ownerId() {
        return ownerId;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant warnedAt() {
        return warnedAt;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ExpiryWarning w && key.equals(w.key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }
}
