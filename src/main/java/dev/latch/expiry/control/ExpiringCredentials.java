package dev.latch.expiry.control;

import dev.latch.expiry.entity.ExpiryWarning;
import dev.latch.jwt.control.MintedJwts;
import dev.latch.jwt.entity.MintedJwt;
import dev.latch.platform.control.KeysetQuery;
import dev.latch.security.control.Caller;
import dev.latch.tokens.entity.Token;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The active credentials of every kind, opaque tokens and JWT records alike, that expire within a
 * window, soonest first, with the thresholds already warned of. One list over two tables: each
 * gives its first {@code limit + 1} after the cursor in the same order, and the merge keeps the
 * first {@code limit + 1} of both.
 */
@ApplicationScoped
public class ExpiringCredentials {

    @PersistenceContext EntityManager em;

    @Inject Clock clock;

    public record Expiring(
            UUID id,
            String kind,
            String name,
            UUID ownerId,
            Instant expiresAt,
            List<String> warned) {}

    /** PostgreSQL orders uuids by their bytes, unsigned; Java's compareTo is signed. */
    static final Comparator<Expiring> ORDER =
            Comparator.comparing(Expiring::expiresAt)
                    .thenComparing(
                            Expiring::id,
                            (a, b) -> {
                                int high =
                                        Long.compareUnsigned(
                                                a.getMostSignificantBits(),
                                                b.getMostSignificantBits());
                                return high != 0
                                        ? high
                                        : Long.compareUnsigned(
                                                a.getLeastSignificantBits(),
                                                b.getLeastSignificantBits());
                            });

    /**
     * Up to {@code limit + 1} credentials. Sessions are listed to their owner and to admins only,
     * as {@code GET /jwt/minted} lists them: a session's jti is enough to end it.
     */
    public List<Expiring> page(Caller caller, Duration within, String cursor, int limit) {
        Instant now = clock.instant();
        List<Expiring> tokens =
                expiring(KeysetQuery.from(em, Token.class, "x"), now, within)
                        .pageAscending("x.expiresAt", "x.id", cursor, limit)
                        .stream()
                        .map(
                                t ->
                                        new Expiring(
                                                t.id(),
                                                t.kind().wireName(),
                                                t.name(),
                                                t.ownerId(),
                                                t.expiresAt(),
                                                List.of()))
                        .toList();
        List<Expiring> jwts =
                MintedJwts.sessionsVisibleTo(
                                caller,
                                expiring(KeysetQuery.from(em, MintedJwt.class, "x"), now, within),
                                "x")
                        .pageAscending("x.expiresAt", "x.jti", cursor, limit)
                        .stream()
                        .map(
                                m ->
                                        new Expiring(
                                                m.jti(),
                                                m.kind(),
                                                m.sub(),
                                                m.ownerId(),
                                                m.expiresAt(),
                                                List.of()))
                        .toList();
        List<Expiring> merged =
                Stream.concat(tokens.stream(), jwts.stream())
                        .sorted(ORDER)
                        .limit(limit + 1L)
                        .toList();
        return withWarnings(merged);
    }

    /** Active records (aliased {@code x}) that expire within the window. */
    private static <T> KeysetQuery<T> expiring(KeysetQuery<T> query, Instant now, Duration within) {
        return query.where("x.revokedAt is null")
                .where("x.expiresAt > :now", "now", now)
                .where("x.expiresAt <= :until", "until", now.plus(within));
    }

    private List<Expiring> withWarnings(List<Expiring> credentials) {
        if (credentials.isEmpty()) {
            return credentials;
        }
        Map<UUID, List<String>> warned =
                em.createQuery(
                                "select w from ExpiryWarning w where w.key.credentialId in :ids",
                                ExpiryWarning.class)
                        .setParameter("ids", credentials.stream().map(Expiring::id).toList())
                        .getResultStream()
                        .collect(
                                Collectors.groupingBy(
                                        ExpiryWarning::credentialId,
                                        Collectors.mapping(
                                                ExpiryWarning::threshold, Collectors.toList())));
        List<Expiring> shown = new ArrayList<>();
        for (Expiring c : credentials) {
            shown.add(
                    new Expiring(
                            c.id(),
                            c.kind(),
                            c.name(),
                            c.ownerId(),
                            c.expiresAt(),
                            warned.getOrDefault(c.id(), List.of())));
        }
        return shown;
    }
}
