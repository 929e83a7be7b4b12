package dev.latch.tokens.control;

import dev.latch.platform.control.KeysetQuery;
import dev.latch.security.control.LastUseFilter;
import dev.latch.tokens.entity.Token;
import dev.latch.tokens.entity.TokenKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Lists tokens newest first, or longest idle first, in keyset pages; the cursor encodes the last
 * (issued_at or idle-since, id) seen.
 */
@ApplicationScoped
public class TokenQuery {

    public record Filter(String status, TokenKind kind, String name) {}

    @PersistenceContext EntityManager em;

    @Inject Clock clock;

    /** Up to {@code limit + 1} tokens, so the caller can tell whether another page exists. */
    public List<Token> page(Filter filter, LastUseFilter usage, String cursor, int limit) {
        Instant now = clock.instant();
        KeysetQuery<Token> query = KeysetQuery.from(em, Token.class, "t");
        switch (filter.status()) {
            case "active" -> query.where("t.revokedAt is null and t.expiresAt > :now", "now", now);
            case "revoked" -> query.where("t.revokedAt is not null");
            case "expired" ->
                    query.where("t.revokedAt is null and t.expiresAt <= :now", "now", now);
            default -> {} // all
        }
        query.where("t.kind = :kind", "kind", filter.kind())
                .where("t.name = :name", "name", filter.name());
        return usage.page(query, "t", "id", now, cursor, limit);
    }
}
