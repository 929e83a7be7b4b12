package dev.latch.users.boundary;

import dev.latch.audit.boundary.Audited;
import dev.latch.platform.boundary.Page;
import dev.latch.platform.boundary.PageRequest;
import dev.latch.platform.boundary.PathIds;
import dev.latch.platform.control.KeysetCursor;
import dev.latch.security.control.CurrentCaller;
import dev.latch.security.entity.Permission;
import dev.latch.tokens.control.TokenView;
import dev.latch.users.control.Users;
import dev.latch.users.entity.AppUser;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * pangolin {@code list-user-tokens}: sessions, API keys and operator tokens a user holds; and
 * revoke-all.
 */
@Path("v1/users/{user_id}/tokens")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
@RolesAllowed(Permission.Names.AUTHENTICATED)
public class UserTokensResource {

    public record RevokedCount(int revoked) {}

    @Inject Users users;

    @Inject CurrentCaller caller;

    @Inject Clock clock;

    @GET
    public Page<TokenView> list(
            @PathParam("user_id") String id, @Valid @BeanParam PageRequest page) {
        AppUser user = users.visibleTo(caller.get(), userId(id));
        // another user's list holds its session handles: only for those who cover that user
        Users.mayActOn(caller.get(), user);
        Instant now = clock.instant();
        // two keyset pages, one per table, merged in the order the cursor follows
        List<TokenView> merged =
                Stream.concat(
                                users.tokens(user.id(), page.cursor(), page.limit()).stream()
                                        .map(t -> TokenView.of(t, now)),
                                users.jwts(user.id(), page.cursor(), page.limit()).stream()
                                        .map(j -> TokenView.of(j, now)))
                        .sorted(NEWEST_FIRST)
                        .toList();
        return Page.of(
                merged,
                page.limit(),
                v -> v,
                v -> new KeysetCursor(v.issuedAt(), v.tokenId()).encode());
    }

    /** As PostgreSQL orders (issued_at, id) descending: uuids compare as their hex text. */
    private static final Comparator<TokenView> NEWEST_FIRST =
            Comparator.comparing(TokenView::issuedAt)
                    .thenComparing(v -> v.tokenId().toString())
                    .reversed();

    @POST
    @Path("revoke-all")
    @Audited("token.revoke_all")
    public RevokedCount revokeAll(@PathParam("user_id") String id) {
        return new RevokedCount(
                users.revokeAll(caller.get(), users.visibleTo(caller.get(), userId(id))));
    }

    private static UUID userId(String id) {
        return PathIds.uuid("user_id", id);
    }
}
