package dev.latch.tokens.control;

import dev.latch.audit.control.AuditContext;
import dev.latch.jwt.control.MintedJwts;
import dev.latch.jwt.entity.MintedJwt;
import dev.latch.platform.control.ErrorCode;
import dev.latch.platform.control.LatchException;
import dev.latch.security.control.Caller;
import dev.latch.security.control.Coverage;
import dev.latch.tokens.entity.Token;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Revokes the live credentials a selector matches, oldest issue first, each only if the caller
 * could revoke it one by one; the others are counted as out of reach and stay. One call revokes at
 * most {@code latch.tokens.revoke-selected-max}, so its transaction stays short; the rest remain
 * for the next call.
 */
@ApplicationScoped
public class BulkRevocation {

    /** How many of the selected credentials an answer shows. */
    public static final int FIRST_PAGE = 50;

    /** How many matches are read from the database at a time. */
    static final int BATCH = 500;

    /**
     * What one call found: everything matched, what it revoked (or would), what stayed out of
     * reach, and the first of the selected as lists show them.
     */
    public record Outcome(
            long matched, long selected, long revoked, long outOfReach, List<TokenView> firstPage) {

        /** Matches this call did not reach because of the cap: the caller repeats for them. */
        public long remaining() {
            return Math.max(0, matched - selected - outOfReach);
        }
    }

    @PersistenceContext EntityManager em;

    @Inject Clock clock;

    @Inject AuditContext audit;

    @Inject MintedJwts jwts;

    @Inject
    @ConfigProperty(name = "latch.tokens.revoke-selected-max")
    int max;

    public Outcome revoke(
            Caller caller, CredentialSelector selector, String reason, boolean dryRun) {
        Instant now = clock.instant();
        long matched = ((Number) query(selector.count(now)).getSingleResult()).longValue();
        List<Object> selected = new ArrayList<>();
        long outOfReach = 0;
        CredentialSelector.Position after = null;
        scan:
        while (true) {
            List<Object> batch = load(selector.candidates(now, after, BATCH));
            for (Object credential : batch) {
                if (selected.size() == max) {
                    break scan;
                }
                if (reaches(caller, credential)) {
                    selected.add(credential);
                } else {
                    outOfReach++;
                    em.detach(credential); // a long scan keeps only what it revokes
                }
                after = position(credential);
            }
            if (batch.size() < BATCH) {
                break;
            }
        }
        long revoked =
                dryRun ? 0 : selected.stream().filter(c -> revokeIfLive(caller, c, now)).count();
        Outcome outcome =
                new Outcome(
                        matched,
                        selected.size(),
                        revoked,
                        outOfReach,
                        selected.stream().limit(FIRST_PAGE).map(c -> view(c, now)).toList());
        audit.target("selector");
        audit.detail(
                (dryRun ? "dry run: would revoke " + outcome.selected() : "revoked " + revoked)
                        + " of "
                        + matched
                        + " matched, "
                        + outOfReach
                        + " out of reach, "
                        + outcome.remaining()
                        + " remaining; selector "
                        + selector.describe()
                        + "; reason: "
                        + reason);
        return outcome;
    }

    /** The same check as a revocation one by one; a refusal counts the credential out. */
    private boolean reaches(Caller caller, Object credential) {
        try {
            if (credential instanceof Token token) {
                Coverage.mayActOn(caller, token);
            } else {
                jwts.mayActOn(caller, (MintedJwt) credential);
            }
            return true;
        } catch (LatchException e) {
            if (e.code() != ErrorCode.PERMISSION_DENIED) {
                throw e;
            }
            return false;
        }
    }

    /**
     * Revokes under a row lock, read again: a call running at the same time may have revoked it
     * first, and then neither revokes nor audits it twice.
     */
    private boolean revokeIfLive(Caller caller, Object credential, Instant now) {
        em.refresh(credential, LockModeType.PESSIMISTIC_WRITE);
        boolean live =
                credential instanceof Token token
                        ? token.statusAt(now) == Token.Status.ACTIVE
                        : ((MintedJwt) credential).statusAt(now).equals("active");
        if (live) {
            revoke(caller, credential, now);
        }
        return live;
    }

    private void revoke(Caller caller, Object credential, Instant now) {
        if (credential instanceof Token token) {
            token.revoke(caller.identity(), now);
            audit.also(
                    "token.revoke",
                    "token:" + token.id(),
                    "revoked " + OperatorTokens.describe(token) + " by selector");
        } else {
            MintedJwt jwt = (MintedJwt) credential;
            jwt.revoke(caller.identity(), now);
            audit.also(
                    "jwt.revoke",
                    "jwt:" + jwt.jti(),
                    "revoked " + MintedJwts.describe(jwt) + " by selector");
        }
    }

    /** The entities of a page of candidates, in the page's order. */
    private List<Object> load(CredentialSelector.Sql sql) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query(sql).getResultList();
        Map<UUID, Token> tokens =
                find(
                                rows,
                                CredentialSelector.Source.TOKEN,
                                "select t from Token t where t.id in :ids",
                                Token.class)
                        .stream()
                        .collect(Collectors.toMap(Token::id, Function.identity()));
        Map<UUID, MintedJwt> records =
                find(
                                rows,
                                CredentialSelector.Source.JWT,
                                "select m from MintedJwt m where m.jti in :ids",
                                MintedJwt.class)
                        .stream()
                        .collect(Collectors.toMap(MintedJwt::jti, Function.identity()));
        List<Object> credentials = new ArrayList<>();
        for (Object[] row : rows) {
            UUID id = UUID.fromString((String) row[1]);
            Object credential =
                    CredentialSelector.Source.TOKEN.name().equals(row[0])
                            ? tokens.get(id)
                            : records.get(id);
            if (credential != null) { // purged between the two reads
                credentials.add(credential);
            }
        }
        return credentials;
    }

    private <T> List<T> find(
            List<Object[]> rows, CredentialSelector.Source source, String jpql, Class<T> type) {
        List<UUID> ids =
                rows.stream()
                        .filter(row -> source.name().equals(row[0]))
                        .map(row -> UUID.fromString((String) row[1]))
                        .toList();
        return ids.isEmpty()
                ? List.of()
                : em.createQuery(jpql, type).setParameter("ids", ids).getResultList();
    }

    private Query query(CredentialSelector.Sql sql) {
        // nothing of the work is written before the scan ends: no flush before each page
        Query query = em.createNativeQuery(sql.text()).setFlushMode(FlushModeType.COMMIT);
        for (int i = 0; i < sql.parameters().size(); i++) {
            query.setParameter(i + 1, sql.parameters().get(i));
        }
        return query;
    }

    private static CredentialSelector.Position position(Object credential) {
        return credential instanceof Token token
                ? new CredentialSelector.Position(token.issuedAt(), token.id())
                : new CredentialSelector.Position(
                        ((MintedJwt) credential).issuedAt(), ((MintedJwt) credential).jti());
    }

    private static TokenView view(Object credential, Instant now) {
        return credential instanceof Token token
                ? TokenView.of(token, now)
                : TokenView.of((MintedJwt) credential, now);
    }
}
