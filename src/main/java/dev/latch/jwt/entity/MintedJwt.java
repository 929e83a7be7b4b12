package dev.latch.jwt.entity;

import dev.latch.security.control.CredentialRecord;
import dev.latch.security.control.CredentialRecordListener;
import dev.latch.security.entity.LastUse;
import dev.latch.security.entity.RecordedUse;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** The record of a JWT Latch signed: enough to list it and revoke it, never the token itself. */
@Entity
@EntityListeners(CredentialRecordListener.class)
@Table(name = "minted_jwt")
public class MintedJwt implements CredentialRecord {

    /** Every kind of record the table holds: JWTs minted, issued for bus, and login sessions. */
    public static final List<String> KINDS = List.of("minted", "internal", "session");

    @Id private UUID jti;

    private String kind;
    private String sub;
    private String aud;
    private String scope;
    private String kid;

    @Column(name = "issued_at")
    private Instant issuedAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "minted_by")
    private String mintedBy;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "revoked_by")
    private String revokedBy;

    @Column(name = "owner_id")
    private UUID ownerId;

    @Embedded private RecordedUse use = new RecordedUse();

    protected MintedJwt() {}

    public MintedJwt(
            UUID jti,
            String kind,
            String sub,
            String aud,
            String scope,
            String kid,
            Instant issuedAt,
            Instant expiresAt,
            String mintedBy,
            UUID ownerId) {
        this.jti = Objects.requireNonNull(jti);
        this.kind = Objects.requireNonNull(kind);
        this.sub = Objects.requireNonNull(sub);
        this.aud = Objects.requireNonNull(aud);
        this.scope = Objects.requireNonNull(scope);
        this.kid = Objects.requireNonNull(kid);
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
        this.mintedBy = Objects.requireNonNull(mintedBy);
        this.ownerId = ownerId;
    }

    /** {@code active}, {@code revoked} or {@code expired}, from the timestamps. */
    public String statusAt(Instant now) {
        if (revokedAt != null) {
            return "revoked";
        }
        return expiresAt.isAfter(now) ? "active" : "expired";
    }

    /** Idempotent: a second revocation keeps the first time and actor. */
    public void revoke(String by, Instant at) {
        if (revokedAt == null) {
            revokedAt = at;
            revokedBy = by;
        }
    }

    public UUID jti() {
        return jti;
    }

    public String kind() {
        return kind;
    }

    public String sub() {
        return sub;
    }

    public String aud() {
        return aud;
    }

    public String scope() {
        return scope;
    }

    public String kid() {
        return kid;
    }

    public Instant issuedAt() {
        return issuedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public String mintedBy() {
        return mintedBy;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    public String revokedBy() {
        return revokedBy;
    }

    /** The user a session belongs to, or who minted the token, if a user did. */
    public UUID ownerId() {
        return ownerId;
    }

    /** Where and when it was last used, as far as uses have been recorded for it. */
    public LastUse lastUse() {
        return use.view();
    }

    @Override
    public String subject() {
        return CredentialRecord.jwt(jti.toString());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MintedJwt minted && jti.equals(minted.jti);
    }

    @Override
    public int hashCode() {
        return jti.hashCode();
    }
}
