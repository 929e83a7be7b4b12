package dev.latch.jwt.entity;

import dev.latch.security.control.CredentialRecord;
import dev.latch.security.control.CredentialRecordListener;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/** A key pair that signs Latch's JWTs; published before it signs and after it retires. */
@Entity
@EntityListeners(CredentialRecordListener.class)
@Table(name = "signing_key")
public class SigningKey implements CredentialRecord {

    public enum Status {
        PENDING,
        ACTIVE,
        RETIRED,
        REVOKED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Id private String kid;

    private String algorithm;

    @Column(name = "public_key")
    private String publicKey;

    @Column(name = "private_key")
    private String privateKey;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "activates_at")
    private Instant activatesAt;

    @Column(name = "retired_at")
    private Instant retiredAt;

    @Column(name = "signed_until")
    private Instant signedUntil;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected SigningKey() {}

    public SigningKey(
            String kid,
            String algorithm,
            String publicKey,
            String sealedPrivateKey,
            Instant createdAt,
            Instant activatesAt) {
        if (activatesAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("a key cannot sign before it exists");
        }
        this.kid = Objects.requireNonNull(kid);
        this.algorithm = Objects.requireNonNull(algorithm);
        this.publicKey = Objects.requireNonNull(publicKey);
        this.privateKey = Objects.requireNonNull(sealedPrivateKey);
        this.createdAt = createdAt;
        this.activatesAt = activatesAt;
    }

    public Status statusAt(Instant now) {
        if (revokedAt != null) {
            return Status.REVOKED;
        }
        if (retiredAt != null) {
            return Status.RETIRED;
        }
        return activatesAt.isAfter(now) ? Status.PENDING : Status.ACTIVE;
    }

    /** Compromised: retired at once and never published again. */
    public void revoke(Instant at) {
        retire(at);
        if (revokedAt == null) {
            revokedAt = at;
        }
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    public void retire(Instant at) {
        if (retiredAt == null) {
            retiredAt = at;
        }
    }

    /**
     * True while a verifier may still need this key: not retired, or tokens it signed are alive.
     */
    public boolean isPublishedAt(Instant now) {
        return revokedAt == null
                && (retiredAt == null || (signedUntil != null && signedUntil.isAfter(now)));
    }

    public String kid() {
        return kid;
    }

    public String algorithm() {
        return algorithm;
    }

    public String publicKey() {
        return publicKey;
    }

    public String sealedPrivateKey() {
        return privateKey;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant activatesAt() {
        return activatesAt;
    }

    public Instant retiredAt() {
        return retiredAt;
    }

    public Instant signedUntil() {
        return signedUntil;
    }

    @Override
    public String subject() {
        return CredentialRecord.key(kid);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SigningKey key && kid.equals(key.kid);
    }

    @Override
    public int hashCode() {
        return kid.hashCode();
    }
}
