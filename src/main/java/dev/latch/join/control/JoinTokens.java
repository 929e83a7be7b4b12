package dev.latch.join.control;

import dev.latch.audit.control.AuditContext;
import dev.latch.platform.control.ErrorCode;
import dev.latch.platform.control.KeysetQuery;
import dev.latch.platform.control.LatchException;
import dev.latch.security.control.Caller;
import dev.latch.security.entity.MintScopes;
import dev.latch.security.entity.Permissions;
import dev.latch.tokens.control.OpaqueTokens;
import dev.latch.tokens.control.TokenFormat;
import dev.latch.tokens.control.TokenIssuer;
import dev.latch.tokens.entity.Token;
import dev.latch.tokens.entity.TokenKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * prexor's join tokens: created for a node (or any), listed, revoked, and exchanged once for a node
 * credential.
 */
@ApplicationScoped
public class JoinTokens {

    /** RFC 1123 label: what a node id may be. */
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private static final int MAX_USES = 1000;

    @PersistenceContext EntityManager em;

    @Inject Clock clock;

    @Inject TokenIssuer issuer;

    @Inject OpaqueTokens opaqueTokens;

    @Inject AuditContext audit;

    @Inject
    @ConfigProperty(name = "latch.join.default-ttl-seconds")
    long defaultTtlSeconds;

    @Inject
    @ConfigProperty(name = "latch.join.max-ttl-seconds")
    long maxTtlSeconds;

    @Inject
    @ConfigProperty(name = "latch.join.node-credential-ttl")
    Duration nodeCredentialTtl;

    public TokenIssuer.Issued create(
            Caller caller, String nodeId, BigDecimal ttlSeconds, Integer maxUses) {
        if (nodeId != null) {
            checkNodeId(nodeId);
        }
        if (maxUses != null && (maxUses < 1 || maxUses > MAX_USES)) {
            throw LatchException.invalidArgument("max_uses must be from 1 to " + MAX_USES);
        }
        TokenIssuer.Issued issued =
                issuer.issue(
                        new TokenIssuer.Spec(
                                TokenKind.JOIN,
                                "join:" + UUID.randomUUID(),
                                nodeId == null
                                        ? "Join token for any node"
                                        : "Join token for " + nodeId,
                                Permissions.of(),
                                false,
                                Duration.ofSeconds(ttl(ttlSeconds)),
                                caller.identity(),
                                caller.userId(),
                                nodeId,
                                maxUses == null ? 1 : maxUses,
                                MintScopes.NONE,
                                null));
        audit.target("token:" + issued.token().id());
        audit.detail("node_id=" + nodeId);
        return issued;
    }

    /** Tracked join tokens, newest first; revoked and used-up ones only when asked for. */
    public List<Token> list(boolean includeRevoked, boolean includeUsed, String cursor, int limit) {
        KeysetQuery<Token> query =
                KeysetQuery.from(em, Token.class, "t")
                        .where("t.kind = :kind", "kind", TokenKind.JOIN);
        if (!includeRevoked) {
            query.where("t.revokedAt is null");
        }
        if (!includeUsed) {
            query.where("t.maxUses is null or t.uses < t.maxUses");
        }
        return query.page("t.issuedAt", "t.id", cursor, limit);
    }

    public void revoke(Caller caller, UUID id) {
        Token token = em.find(Token.class, id);
        if (token == null || token.kind() != TokenKind.JOIN) {
            throw LatchException.notFound("No join token with id " + id);
        }
        audit.target("token:" + id);
        audit.detail("node_id=" + token.nodeId());
        token.revoke(caller.identity(), clock.instant());
    }

    /**
     * Consumes one use of the join token and issues the node's credential, bound to the client
     * certificate of the exchange when there was one ({@code certificateThumbprint}, else null).
     * The use is taken by one conditional UPDATE, so of several nodes racing for a single-use token
     * exactly one wins.
     */
    public TokenIssuer.Issued exchange(
            String joinToken, String nodeId, String certificateThumbprint) {
        audit.detail(
                "node_id="
                        + nodeId
                        + (certificateThumbprint == null
                                ? ""
                                : " x5t#S256=" + certificateThumbprint));
        checkNodeId(nodeId);
        if (TokenFormat.kindOf(joinToken).filter(TokenKind.JOIN::equals).isEmpty()) {
            throw new LatchException(ErrorCode.UNAUTHENTICATED, "The join token is malformed");
        }
        Token join =
                opaqueTokens
                        .find(joinToken)
                        .orElseThrow(
                                () ->
                                        new LatchException(
                                                ErrorCode.UNAUTHENTICATED,
                                                "The join token is not known"));
        audit.target("token:" + join.id());
        Instant now = clock.instant();
        List<Token> earlier =
                em.createQuery(
                                "select t from Token t where t.kind = :kind and t.nodeId = :node"
                                        + " and t.revokedAt is null and t.expiresAt > :now",
                                Token.class)
                        .setParameter("kind", TokenKind.NODE)
                        .setParameter("node", nodeId)
                        .setParameter("now", now)
                        .getResultList();
        if (!earlier.isEmpty() && join.nodeId() == null) {
            // an unbound join token must not take over a live node: that would revoke its
            // credential
            throw LatchException.failedPrecondition(
                    "Node "
                            + nodeId
                            + " holds a live credential; only a join token bound to it may replace it",
                    "node_mismatch");
        }
        int taken =
                em.createQuery(
                                "update Token t set t.uses = t.uses + 1, t.usedAt = :now, t.usedByNode = :node"
                                        + " where t.id = :id and t.revokedAt is null and t.expiresAt > :now and t.uses < t.maxUses"
                                        + " and (t.nodeId is null or t.nodeId = :node)")
                        .setParameter("now", now)
                        .setParameter("node", nodeId)
                        .setParameter("id", join.id())
                        .executeUpdate();
        if (taken == 0) {
            em.refresh(join);
            throw refusal(join, nodeId, now);
        }
        // a node that joins again with a token bound to it replaces its earlier credential
        earlier.forEach(t -> t.revoke("join:" + join.id(), now));
        em.flush();
        return issuer.issue(
                new TokenIssuer.Spec(
                        TokenKind.NODE,
                        "node:" + nodeId,
                        "Node credential of " + nodeId,
                        Permissions.of(),
                        false,
                        nodeCredentialTtl,
                        "join:" + join.id(),
                        join.ownerId(), // it ends with the user who let the node in
                        nodeId,
                        null,
                        MintScopes.NONE,
                        certificateThumbprint));
    }

    private static LatchException refusal(Token join, String nodeId, Instant now) {
        return switch (join.statusAt(now)) {
            case REVOKED ->
                    LatchException.failedPrecondition(
                            "The join token has been revoked", "token_revoked");
            case EXPIRED ->
                    LatchException.failedPrecondition(
                            "The join token has expired", "token_expired");
            case ACTIVE ->
                    join.nodeId() != null && !join.nodeId().equals(nodeId)
                            ? LatchException.failedPrecondition(
                                    "The join token is bound to another node", "node_mismatch")
                            : LatchException.failedPrecondition(
                                    "The join token has been used", "token_used");
        };
    }

    private long ttl(BigDecimal seconds) {
        if (seconds == null || seconds.signum() == 0) {
            return defaultTtlSeconds;
        }
        if (seconds.signum() < 0) {
            throw LatchException.invalidArgument("ttl_seconds must not be negative");
        }
        if (seconds.stripTrailingZeros().scale() > 0) {
            throw LatchException.invalidArgument("ttl_seconds must be a whole number of seconds");
        }
        if (seconds.compareTo(BigDecimal.valueOf(maxTtlSeconds)) > 0) {
            throw LatchException.invalidArgument(
                    "ttl_seconds exceeds the " + maxTtlSeconds + " cap");
        }
        return seconds.longValueExact();
    }

    private static void checkNodeId(String nodeId) {
        if (nodeId == null || !DNS_LABEL.matcher(nodeId).matches()) {
            throw LatchException.invalidArgument(
                    "node_id must be a DNS label: a-z, 0-9 and '-', 1 to 63 characters");
        }
    }
}
