package dev.latch.users.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A person with a password, or a service that holds API keys. */
@Entity
@Table(name = "app_user")
@NamedQuery(
        name = AppUser.BY_USERNAME,
        query = "select u from AppUser u where u.username = :username")
public class AppUser {

    public static final String BY_USERNAME = "AppUser.byUsername";

    @Id private UUID id;

    private String username;

    @Column(name = "password_hash")
    private String passwordHash;

    private Role role;
    private boolean service;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "password_changed_at")
    private Instant passwordChangedAt;

    @Column(name = "disabled_at")
    private Instant disabledAt;

    @Column(name = "disabled_by")
    private String disabledBy;

    protected AppUser() {}

    private AppUser(
            String username,
            String passwordHash,
            Role role,
            boolean service,
            Instant at,
            String createdBy) {
        this.id = UUID.randomUUID();
        this.username = Objects.requireNonNull(username);
        this.passwordHash = passwordHash;
        this.role = Objects.requireNonNull(role);
        this.service = service;
        this.createdAt = at;
        this.createdBy = Objects.requireNonNull(createdBy);
        this.passwordChangedAt = passwordHash == null ? null : at;
    }

    public static AppUser person(
            String username, String passwordHash, Role role, Instant at, String createdBy) {
        return new AppUser(
                username, Objects.requireNonNull(passwordHash), role, false, at, createdBy);
    }

    public static AppUser serviceUser(String name, Role role, Instant at, String createdBy) {
        return new AppUser(name, null, role, true, at, createdBy);
    }

    public void changePassword(String newHash, Instant at) {
        if (service) {
            throw new IllegalStateException("a service user has no password");
        }
        passwordHash = Objects.requireNonNull(newHash);
        passwordChangedAt = at;
    }

    /** Idempotent: a second disable keeps the first time and actor. */
    public void disable(String by, Instant at) {
        if (disabledAt == null) {
            disabledAt = at;
            disabledBy = by;
        }
    }

    public boolean isDisabled() {
        return disabledAt != null;
    }

    public UUID id() {
        return id;
    }

    public String username() {
        return username;
    }

    public Optional<String> passwordHash() {
        return Optional.ofNullable(passwordHash);
    }

    public Role role() {
        return role;
    }

    public boolean isService() {
        return service;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant passwordChangedAt() {
        return passwordChangedAt;
    }

    public Instant disabledAt() {
        return disabledAt;
    }

    public String disabledBy() {
        return disabledBy;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AppUser user && id.equals(user.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
