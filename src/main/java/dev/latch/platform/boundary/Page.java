package dev.latch.platform.boundary;

import java.util.List;
import java.util.function.Function;

/** One page of a keyset-paginated list; {@code next_cursor} is null on the last page. */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * The page from a query that fetched up to {@code limit + 1} rows: the extra row only tells
     * that another page exists, and the cursor points after the last row shown.
     */
    public static <E, T> Page<T> of(
            List<E> fetched, int limit, Function<E, T> view, Function<E, String> cursor) {
        List<E> shown = fetched.stream().limit(limit).toList();
        String next = fetched.size() > limit ? cursor.apply(shown.get(shown.size() - 1)) : null;
        return new Page<>(shown.stream().map(view).toList(), next);
    }
}
