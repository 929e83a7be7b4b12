package dev.latch.platform.boundary;

import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.QueryParam;

/** {@code ?limit=} (1..500, default 50) and {@code ?cursor=} of every list. */
public class PageRequest {

    @QueryParam("limit")
    @Pattern(regexp = "[1-9][0-9]?|[1-4][0-9]{2}|500", message = "must be an integer from 1 to 500")
    String limit;

    @QueryParam("cursor")
    @Pattern(regexp = "[A-Za-z0-9_-]{1,200}", message = "is not a cursor this server issued")
    String cursor;

    public int limit() {
        return limit == null ? 50 : Integer.parseInt(limit);
    }

    public String cursor() {
        return cursor;
    }
}
