package dev.latch.users.control;

import dev.latch.audit.control.AuditContext;
import dev.latch.platform.control.LatchException;
import dev.latch.platform.control.Ttl;
import dev.latch.security.control.Caller;
import dev.latch.security.control.Coverage;
import dev.latch.security.entity.MintScopes;
import dev.latch.tokens.control.OperatorTokens;
import dev.latch.tokens.control.TokenIssuer;
import dev.latch.tokens.entity.Token;
import dev.latch.tokens.entity.TokenKind;
import dev.latch.users.entity.AppUser;
import dev.latch.users.entity.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Service users and their lsk_ API keys (pangolin): created with a key, rotated with a grace,
 * disabled.
 */
@ApplicationScoped
public class ServiceUsers {

    private static final Duration MIN_KEY_TTL = Duration.ofDays(1);

    /** A service user with its one-time key. */
    public record Created(AppUser user, TokenIssuer.Issued key) {}

    @PersistenceContext EntityManager em;

    @Inject Clock clock;

    @Inject Users users;

    @Inject TokenIssuer issuer;

    @Inject AuditContext audit;

    @Inject
    @ConfigProperty(name = "latch.service-users.default-key-ttl")
    Duration defaultKeyTtl;

    @Inject
    @ConfigProperty(name = "latch.service-users.max-key-ttl")
    Duration maxKeyTtl;

    @Inject
    @ConfigProperty(name = "latch.tokens.max-rotation-grace")
    Duration maxGrace;

    public Created create(
            Caller caller, String name, Role role, String keyTtl, List<String> mintScopes) {
        Users.mayGrant(caller, role);
        MintScopes minting =
                mintScopes == null ? MintScopes.NONE : OperatorTokens.parseMintScopes(mintScopes);
        Coverage.mayHandOutMinting(caller, minting);
        Duration lifetime = keyTtl == null ? defaultKeyTtl : Ttl.of(keyTtl, maxKeyTtl);
        if (lifetime.compareTo(MIN_KEY_TTL) < 0) {
            throw LatchException.invalidArgument(
                    "key_ttl \"" + keyTtl + "\" is below the 1d minimum");
        }
        AppUser user =
                users.persist(AppUser.serviceUser(name, role, clock.instant(), caller.identity()));
        TokenIssuer.Issued key =
                issuer.issue(
                        new TokenIssuer.Spec(
                                TokenKind.SERVICE_KEY,
                                name,
                                "API key of " + name,
                                role.permissions(),
                                false,
                                lifetime,
                                caller.identity(),
                                user.id(),
                                minting));
        return new Created(user, key);
    }

    public AppUser find(UUID id) {
        AppUser user = users.find(id);
        if (!user.isService()) {
            throw LatchException.notFound("No service user with id " + id);
        }
        return user;
    }

    /**
     * A new key; the old one keeps working until the grace ends, and its later use is treated as a
     * leak.
     */
    public TokenIssuer.Issued rotateKey(Caller caller, UUID id, String grace) {
        AppUser user = find(id);
        if (user.isDisabled()) {
            throw LatchException.invalidArgument("The service user is disabled");
        }
        Token current =
                em.createQuery(
                                "select t from Token t where t.ownerId = :owner and t.kind = :kind"
                                        + " and t.replacedBy is null and t.revokedAt is null order by t.issuedAt desc",
                                Token.class)
                        .setParameter("owner", id)
                        .setParameter("kind", TokenKind.SERVICE_KEY)
                        .setMaxResults(1)
                        .getResultStream()
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        LatchException.notFound(
                                                "The service user has no live key to rotate"));
        OperatorTokens.mayRotate(current, clock.instant());
        Coverage.mayHandOut(caller, current.permissions(), current.allowsPrivileged());
        Coverage.mayHandOutMinting(caller, current.mintScopes());
        Duration graceDuration = grace == null ? Duration.ZERO : Ttl.grace(grace, maxGrace);
        TokenIssuer.Issued issued = issuer.rotate(current, graceDuration, caller.identity());
        audit.detail(
                "key "
                        + current.id()
                        + " rotated to "
                        + issued.token().id()
                        + " with grace "
                        + graceDuration.toSeconds()
                        + "s");
        return issued;
    }

    public int delete(Caller caller, UUID id) {
        find(id);
        return users.disable(caller, id);
    }
}
