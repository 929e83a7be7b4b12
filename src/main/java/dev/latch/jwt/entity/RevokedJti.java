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

/** A revoked JWT that Latch did not sign (HS256): all Latch knows of it is its jti. */
@Entity
@EntityListeners(CredentialRecordListener.class)
@Table(name = "revoked_jti")
public class RevokedJti implements CredentialRecord {

    @Id private String jti;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "revoked_by")
    private String revokedBy;

    protected RevokedJti() {}

    public RevokedJti(String jti, Instant expiresAt, Instant revokedAt, String revokedBy) {
        this.jti = Objects.requireNonNull(jti);
        this.expiresAt = Objects.requireNonNull(expiresAt);
        this.revokedAt = Objects.requireNonNull(revokedAt);
        this.revokedBy = Objects.requireNonNull(revokedBy);
    }

    public String jti() {
        return jti;
    }

    @Override
    public String subject() {
        return CredentialRecord.jwt(jti);
    }

    /** Its row is the revocation. */
    @Override
    public boolean revokesWhenStored() {
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RevokedJti revoked && jti.equals(revoked.jti);
    }

    @Override
    public int hashCode() {
        return jti.hashCode();
    }
}
