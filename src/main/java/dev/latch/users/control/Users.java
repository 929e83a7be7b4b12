package dev.latch.users.control;

import dev.latch.audit.control.AuditContext;
import dev.latch.jwt.entity.MintedJwt;
import dev.latch.platform.control.Constraints;
import dev.latch.platform.control.ErrorCode;
import dev.latch.platform.control.KeysetQuery;
import dev.latch.platform.control.LatchException;
import dev.latch.security.control.Caller;
import dev.latch.security.control.SystemActors;
import dev.latch.security.entity.Permission;
import dev.latch.tokens.entity.Token;
import dev.latch.users.entity.AppUser;
import dev.latch.users.entity.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** People and service users: who may see and change whom, and what disabling one takes away. */
@ApplicationScoped
public class Users {

    @PersistenceContext EntityManager em;

    @Inject Clock clock;

    @Inject Passwords passwords;

    @Inject LoginThrottle throttle;

    @Inject AuditContext audit;

    public AppUser createPerson(Caller caller, String username, String password, Role role) {
        mayGrant(caller, role);
        return persist(
                AppUser.person(
                        username,
                        passwords.hash(username, password),
                        role,
                        clock.instant(),
                        caller.identity()));
    }

    public AppUser persist(AppUser user) {
        if (SystemActors.isReserved(user.username())) {
            throw LatchException.invalidArgument(
                    "name \"" + user.username() + "\" is reserved for Latch's own actors");
        }
        try {
            em.persist(user);
            em.flush();
        } catch (PersistenceException e) {
            if (Constraints.isUniqueViolation(e)) {
                throw new LatchException(
                        ErrorCode.DUPLICATE_IDENTITY,
                        "A user named " + user.username() + " already exists");
            }
            throw e;
        }
        audit.target("user:" + user.id());
        audit.detail(
                (user.isService() ? "service user " : "user ")
                        + user.username()
                        + " role "
                        + user.role().wireName());
        return user;
    }

    /** Up to {@code limit + 1} users, newest first. */
    public List<AppUser> page(boolean service, String cursor, int limit) {
        return KeysetQuery.from(em, AppUser.class, "u")
                .where("u.service = :service", "service", service)
                .page("u.createdAt", "u.id", cursor, limit);
    }

    public AppUser find(UUID id) {
        AppUser user = em.find(AppUser.class, id);
        if (user == null) {
            throw LatchException.notFound("No user with id " + id);
        }
        audit.target("user:" + id);
        return user;
    }

    /** A user sees itself; {@code users.manage} sees everyone. */
    public AppUser visibleTo(Caller caller, UUID id) {
        if (!id.equals(caller.userId()) && !caller.permissions().allows(Permission.USERS_MANAGE)) {
            throw LatchException.permissionDenied("Only users.manage may see another user");
        }
        return find(id);
    }

    /**
     * Disables the user and revokes everything it holds; answers how many credentials were revoked.
     * The last active admin stays: without one, nobody could manage users again.
     */
    public int disable(Caller caller, UUID id) {
        AppUser user = find(id);
        if (id.equals(caller.userId())) {
            throw LatchException.invalidArgument("A user cannot disable itself");
        }
        mayActOn(caller, user);
        if (user.role() == Role.ADMIN
                && !user.isService()
                && !user.isDisabled()
                && activeAdmins() <= 1) {
            throw LatchException.failedPrecondition(
                    "The last active admin cannot be disabled", "last_admin");
        }
        user.disable(caller.identity(), clock.instant());
        return revokeAll(caller, user);
    }

    /** Every live credential the user holds: its sessions, JWTs, tokens, keys and join tokens. */
    public int revokeAll(Caller caller, AppUser user) {
        mayActOn(caller, user);
        int revoked = revokeHeld(caller, user, null);
        audit.detail("revoked " + revoked + " credentials of " + user.username());
        return revoked;
    }

    /**
     * A user whose role carries more than the caller holds is the business of someone who holds it.
     */
    public static void mayActOn(Caller caller, AppUser user) {
        if (!user.id().equals(caller.userId())
                && !caller.permissions().covers(user.role().permissions())) {
            throw LatchException.permissionDenied(
                    "Acting on a user whose role exceeds yours needs admin");
        }
    }

    /** Throttled like a login: the current password is a guessable secret too. */
    public void changePassword(Caller caller, String current, String next, String sourceIp) {
        if (caller.userId() == null || !caller.kind().equals("session")) {
            // a token derived from the user must not take the account over
            throw LatchException.permissionDenied(
                    "A password is changed from a signed-in session of its user");
        }
        AppUser user = find(caller.userId());
        throttle.attempt(user.username(), sourceIp);
        if (user.isService() || !passwords.matches(current, user.passwordHash())) {
            throw LatchException.permissionDenied("The current password is not correct");
        }
        throttle.succeed(user.username(), sourceIp);
        user.changePassword(passwords.hash(user.username(), next), clock.instant());
        // a changed password is often a suspected leak: whatever a stolen session made ends too
        int revoked = revokeHeld(caller, user, caller.tokenId());
        audit.detail("revoked " + revoked + " other credentials of " + user.username());
    }

    /** Revokes every live credential of the user but {@code keep}; answers how many. */
    private int revokeHeld(Caller caller, AppUser user, UUID keep) {
        Instant now = clock.instant();
        List<Token> tokens =
                liveTokens(user.id(), now).stream().filter(t -> !t.id().equals(keep)).toList();
        List<MintedJwt> jwts =
                liveJwts(user.id(), now).stream().filter(j -> !j.jti().equals(keep)).toList();
        tokens.forEach(t -> t.revoke(caller.identity(), now));
        jwts.forEach(j -> j.revoke(caller.identity(), now));
        return tokens.size() + jwts.size();
    }

    /** Active person admins, their rows locked so two concurrent disables cannot both pass. */
    private long activeAdmins() {
        return em.createQuery(
                        "select u from AppUser u where u.role = :role and u.service = false"
                                + " and u.disabledAt is null",
                        AppUser.class)
                .setParameter("role", Role.ADMIN)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList()
                .size();
    }

    /** A keyset page (limit + 1) of the tokens, keys and node credentials the user holds. */
    public List<Token> tokens(UUID owner, String cursor, int limit) {
        return KeysetQuery.from(em, Token.class, "t")
                .where("t.ownerId = :owner", "owner", owner)
                .page("t.issuedAt", "t.id", cursor, limit);
    }

    /** A keyset page (limit + 1) of the sessions and JWTs the user holds. */
    public List<MintedJwt> jwts(UUID owner, String cursor, int limit) {
        return KeysetQuery.from(em, MintedJwt.class, "m")
                .where("m.ownerId = :owner", "owner", owner)
                .page("m.issuedAt", "m.jti", cursor, limit);
    }

    /** Operator tokens and API keys held by the user, newest first. */
    public List<Token> tokens(UUID owner) {
        return em.createQuery(
                        "select t from Token t where t.ownerId = :owner order by t.issuedAt desc",
                        Token.class)
                .setParameter("owner", owner)
                .getResultList();
    }

    /** Sessions and minted JWTs held by the user, newest first. */
    public List<MintedJwt> jwts(UUID owner) {
        return em.createQuery(
                        "select m from MintedJwt m where m.ownerId = :owner order by m.issuedAt desc",
                        MintedJwt.class)
                .setParameter("owner", owner)
                .getResultList();
    }

    private List<Token> liveTokens(UUID owner, Instant now) {
        return tokens(owner).stream().filter(t -> t.statusAt(now) == Token.Status.ACTIVE).toList();
    }

    private List<MintedJwt> liveJwts(UUID owner, Instant now) {
        return jwts(owner).stream()
                .filter(j -> j.revokedAt() == null && j.expiresAt().isAfter(now))
                .toList();
    }

    /** Nobody hands out a role that carries more than its own permissions. */
    public static void mayGrant(Caller caller, Role role) {
        if (!caller.permissions().covers(role.permissions())) {
            throw LatchException.permissionDenied(
                    "A role cannot carry permissions its grantor does not hold");
        }
    }
}
