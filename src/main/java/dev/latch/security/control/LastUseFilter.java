package dev.latch.security.control;

import dev.latch.platform.control.KeysetCursor;
import dev.latch.platform.control.KeysetQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code ?unused_for=} and {@code ?sort=last_used} on a list of credential records (tokens and JWT
 * records name the fields alike). A credential is idle since its last use, or since its issue when
 * never used; one whose uses were not recorded never counts as unused, since nobody knows.
 */
public record LastUseFilter(Duration unusedFor, boolean longestIdleFirst) {

    public static final LastUseFilter NONE = new LastUseFilter(null, false);

    /** The condition on a record aliased {@code a} idle since before {@code :idleBefore}. */
    public static String unusedSince(String a) {
        return "coalesce(%1$s.use.at, %1$s.issuedAt) < :idleBefore and (%1$s.use.recorded = true or %1$s.use.at is not null)"
                .formatted(a);
    }

    /**
     * Up to {@code limit + 1} records of {@code query} (aliased {@code a}, id field {@code id}):
     * newest issue first, or longest idle first.
     */
    public <T> List<T> page(
            KeysetQuery<T> query, String a, String id, Instant now, String cursor, int limit) {
        if (unusedFor != null) {
            query.where(unusedSince(a), "idleBefore", now.minus(unusedFor));
        }
        return longestIdleFirst
                ? query.pageAscending(
                        "coalesce(%1$s.use.at, %1$s.issuedAt)".formatted(a),
                        a + "." + id,
                        cursor,
                        limit)
                : query.page(a + ".issuedAt", a + "." + id, cursor, limit);
    }

    /** The cursor after a record in the order this filter pages in. */
    public String cursorAfter(Instant issuedAt, Instant lastUsedAt, UUID id) {
        Instant at = longestIdleFirst && lastUsedAt != null ? lastUsedAt : issuedAt;
        return new KeysetCursor(at, id).encode();
    }
}
