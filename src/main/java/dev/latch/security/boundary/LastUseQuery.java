package dev.latch.security.boundary;

import dev.latch.platform.control.Ttl;
import dev.latch.security.control.LastUseFilter;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.QueryParam;
import java.time.Duration;

/** {@code ?unused_for=30d} and {@code ?sort=issued|last_used} of the credential lists. */
public class LastUseQuery {

    /** Longer than any credential lives (the longest max-ttl is 365d). */
    private static final Duration LONGEST = Duration.ofDays(3650);

    @QueryParam("unused_for")
    String unusedFor;

    @QueryParam("sort")
    @Pattern(regexp = "issued|last_used", message = "must be issued or last_used")
    String sort;

    public LastUseFilter filter() {
        return new LastUseFilter(
                unusedFor == null ? null : Ttl.of("unused_for", unusedFor, LONGEST),
                "last_used".equals(sort));
    }
}
