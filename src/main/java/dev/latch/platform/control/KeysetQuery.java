package dev.latch.platform.control;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of a list, newest first: the filters a caller gives, each in its own parentheses, and
 * the keyset condition after the cursor. Fetches {@code limit + 1} rows, so the page knows whether
 * another follows.
 */
public final class KeysetQuery<T> {

    private final EntityManager em;
    private final Class<T> type;
    private final String alias;
    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> parameters = new HashMap<>();

    private KeysetQuery(EntityManager em, Class<T> type, String alias) {
        this.em = em;
        this.type = type;
        this.alias = alias;
    }

    /** {@code select alias from Entity alias}, e.g. {@code from(em, Token.class, "t")}. */
    public static <T> KeysetQuery<T> from(EntityManager em, Class<T> type, String alias) {
        return new KeysetQuery<>(em, type, alias);
    }

    /** A condition without parameters. */
    public KeysetQuery<T> where(String condition) {
        conditions.add("(" + condition + ")");
        return this;
    }

    /**
     * A condition with one named parameter; skipped when the value is null, i.e. the filter was not
     * asked for.
     */
    public KeysetQuery<T> where(String condition, String parameter, Object value) {
        if (value != null) {
            where(condition);
            parameters.put(parameter, value);
        }
        return this;
    }

    /**
     * Ordered by {@code (at, id)} descending, after the position a {@link KeysetCursor} encodes.
     */
    public List<T> page(String at, String id, String cursor, int limit) {
        return keyset(at, id, cursor, limit, "<", "desc");
    }

    /** Ordered by {@code (at, id)} ascending, after the position a {@link KeysetCursor} encodes. */
    public List<T> pageAscending(String at, String id, String cursor, int limit) {
        return keyset(at, id, cursor, limit, ">", "asc");
    }

    private List<T> keyset(
            String at, String id, String cursor, int limit, String after, String direction) {
        if (cursor != null) {
            KeysetCursor position = KeysetCursor.parse(cursor);
            where(
                    "%1$s %3$s :cursorAt or (%1$s = :cursorAt and %2$s %3$s :cursorId)"
                            .formatted(at, id, after));
            parameters.put("cursorAt", position.at());
            parameters.put("cursorId", position.id());
        }
        return run(at + " " + direction + ", " + id + " " + direction, limit);
    }

    /** Ordered by a numeric id descending, after the id the cursor holds. */
    public List<T> page(String id, String cursor, int limit) {
        where(id + " < :cursorId", "cursorId", cursor == null ? null : parseLong(cursor));
        return run(id + " desc", limit);
    }

    private List<T> run(String order, int limit) {
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        TypedQuery<T> query =
                em.createQuery(
                        "select "
                                + alias
                                + " from "
                                + type.getSimpleName()
                                + " "
                                + alias
                                + where
                                + " order by "
                                + order,
                        type);
        parameters.forEach(query::setParameter);
        return query.setMaxResults(limit + 1).getResultList();
    }

    private static long parseLong(String cursor) {
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw LatchException.invalidArgument("cursor is not a cursor this server issued");
        }
    }
}
