package dev.latch.tokens.entity;

import dev.latch.security.control.Coverage;
import dev.latch.security.control.CredentialRecord;
import dev.latch.security.control.CredentialRecordListener;
import dev.latch.security.entity.LastUse;
import dev.latch.security.entity.MintScopes;
import dev.latch.security.entity.Permissions;
import dev.latch.security.entity.RecordedUse;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An opaque secret of any kind, known only by its SHA-256. Status is derived from the timestamps,
 * so a token stops working the instant it expires.
 */
@Entity
@EntityListeners(CredentialRecordListener.class)
@Table(name = "token")
@NamedQuery(name = Token.BY_HASH, query = "select t from Token t where t.secretHash = :hash")
public class Token implements Coverage.Credential, CredentialRecord {

    public static final String BY_HASH = "Token.byHash";

    public enum Status {
        ACTIVE,
        REVOKED,
        EXPIRED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Id private UUID id;

    private TokenKind kind;
    private String name;
    private String description;

    @Column(name = "secret_hash")
    private String secretHash;

    private String hint;
    private Permissions permissions;

    @Column(name = "allows_privileged")
    private boolean allowsPrivileged;

    @Column(name = "issued_at")
    private Instant issuedAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "revoked_by")
    private String revokedBy;

    @Embedded private RecordedUse use = new RecordedUse();

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "replaced_by")
    private UUID replacedBy;

    @Column(name = "holds_name")
    private boolean holdsName;

    @Column(name = "owner_id")
    private UUID ownerId;

    @Column(name = "node_id")
    private String nodeId;

    @Column(name = "max_uses")
    private Integer maxUses;

    private int uses;

    @Column(name = "mint_scopes")
    private MintScopes mintScopes = MintScopes.NONE;

    @Column(name = "used_at")
    private Instant usedAt;

    @Column(name = "used_by_node")
    private String usedByNode;

    @Column(name = "cnf_x5t_s256")
    private String certificateThumbprint;

    protected Token() {}

    public Token(
            TokenKind kind,
            String name,
            String description,
            String secretHash,
            String hint,
            Permissions permissions,
            boolean allowsPrivileged,
            Instant issuedAt,
            Duration ttl,
            String createdBy,
            UUID ownerId,
            String nodeId,
            Integer maxUses) {
        if (maxUses != null && maxUses < 1) {
            throw new IllegalArgumentException("a limited token needs at least one use");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a token needs a positive lifetime");
        }
        this.id = UUID.randomUUID();
        this.kind = Objects.requireNonNull(kind);
        this.name = Objects.requireNonNull(name);
        this.description = description;
        this.secretHash = Objects.requireNonNull(secretHash);
        this.hint = Objects.requireNonNull(hint);
        this.permissions = Objects.requireNonNull(permissions);
        this.allowsPrivileged = allowsPrivileged;
        this.issuedAt = issuedAt;
        this.expiresAt = issuedAt.plus(ttl);
        this.createdBy = Objects.requireNonNull(createdBy);
        this.holdsName = true;
        this.ownerId = ownerId;
        this.nodeId = nodeId;
        this.maxUses = maxUses;
    }

    /** The scopes this token may put into JWTs it mints for other services. */
    public void allowMinting(MintScopes scopes) {
        mintScopes = Objects.requireNonNull(scopes);
    }

    /**
     * Binds a node credential to the client certificate it was issued over (RFC 8705): from now on
     * it is accepted only with that certificate.
     */
    public void bindToCertificate(String thumbprint) {
        if (kind != TokenKind.NODE) {
            throw new IllegalStateException("only a node credential is bound to a certificate");
        }
        certificateThumbprint = Objects.requireNonNull(thumbprint);
    }

    /** True once a limited token (a join token) has been used as often as it may. */
    public boolean isUsedUp() {
        return maxUses != null && uses >= maxUses;
    }

    public Status statusAt(Instant now) {
        if (revokedAt != null) {
            return Status.REVOKED;
        }
        return now.isBefore(expiresAt) ? Status.ACTIVE : Status.EXPIRED;
    }

    /** Idempotent: a second revocation keeps the first time and actor. */
    public void revoke(String by, Instant at) {
        if (revokedAt == null) {
            revokedAt = at;
            revokedBy = by;
        }
        holdsName = false;
    }

    /**
     * Hands the name to {@code successor}; this token keeps working for {@code grace}, or is
     * revoked at once when there is none.
     */
    public void replaceWith(Token successor, Duration grace, String by, Instant at) {
        replacedBy = successor.id;
        holdsName = false;
        if (grace.isZero()) {
            revoke(by, at);
        } else if (at.plus(grace).isBefore(expiresAt)) {
            expiresAt = at.plus(grace);
        }
    }

    @Override
    public UUID id() {
        return id;
    }

    public TokenKind kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public String hint() {
        return hint;
    }

    @Override
    public Permissions permissions() {
        return permissions;
    }

    @Override
    public boolean allowsPrivileged() {
        return allowsPrivileged;
    }

    public Instant issuedAt() {
        return issuedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    public String revokedBy() {
        return revokedBy;
    }

    /** Where and when it was last used, as far as uses have been recorded for it. */
    public LastUse lastUse() {
        return use.view();
    }

    public String createdBy() {
        return createdBy;
    }

    public UUID replacedBy() {
        return replacedBy;
    }

    /** The node a join token is bound to, or a node credential belongs to. */
    public String nodeId() {
        return nodeId;
    }

    @Override
    public MintScopes mintScopes() {
        return mintScopes;
    }

    public Integer maxUses() {
        return maxUses;
    }

    public int uses() {
        return uses;
    }

    public Instant usedAt() {
        return usedAt;
    }

    public String usedByNode() {
        return usedByNode;
    }

    /** The {@code x5t#S256} of the client certificate this token is bound to, or null. */
    public String certificateThumbprint() {
        return certificateThumbprint;
    }

    /** The user that holds this token, if any: its issuer, or the service user of a key. */
    @Override
    public UUID ownerId() {
        return ownerId;
    }

    @Override
    public String subject() {
        return CredentialRecord.token(id);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Token token && id.equals(token.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
