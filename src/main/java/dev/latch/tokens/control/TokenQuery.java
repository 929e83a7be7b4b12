package dev.latch.tokens.control;

import dev.latch.platform.control.KeysetCursor;
import dev.latch.security.entity.Token;
import dev.latch.security.entity.TokenKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Lists tokens newest first in keyset pages; the cursor encodes the last (issued_at, id) seen. */
@ApplicationScoped
public class TokenQuery {

    public record Filter(String status, TokenKind kind, String name) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /** Up to {@code limit + 1} tokens, so the caller can tell whether another page exists. */
    public List<Token> page(Filter filter, String cursor, int limit) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        switch (filter.status()) {
            case "active" -> conditions.add("t.revokedAt is null and t.expiresAt > :now");
            case "revoked" -> conditions.add("t.revokedAt is not null");
            case "expired" -> conditions.add("t.revokedAt is null and t.expiresAt <= :now");
            default -> { } // all
        }
        if (conditions.size() == 1 && !filter.status().equals("revoked")) {
            parameters.put("now", clock.instant());
        }
        if (filter.kind() != null) {
            conditions.add("t.kind = :kind");
            parameters.put("kind", filter.kind());
        }
        if (filter.name() != null) {
            conditions.add("t.name = :name");
            parameters.put("name", filter.name());
        }
        if (cursor != null) {
            KeysetCursor after = KeysetCursor.parse(cursor);
            conditions.add("(t.issuedAt < :cursorAt or (t.issuedAt = :cursorAt and t.id < :cursorId))");
            parameters.put("cursorAt", after.at());
            parameters.put("cursorId", after.id());
        }
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        TypedQuery<Token> query = em.createQuery("select t from Token t" + where + " order by t.issuedAt desc, t.id desc",
                Token.class);
        parameters.forEach(query::setParameter);
        return query.setMaxResults(limit + 1).getResultList();
    }
}
