package dev.latch.users.boundary;

import dev.latch.audit.boundary.Audited;
import dev.latch.platform.boundary.PathIds;
import dev.latch.security.control.CurrentCaller;
import dev.latch.security.entity.Permission;
import dev.latch.tokens.control.TokenView;
import dev.latch.users.control.Users;
import dev.latch.users.entity.AppUser;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
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

    public record Held(List<TokenView> items) {}

    public record RevokedCount(int revoked) {}

    @Inject Users users;

    @Inject CurrentCaller caller;

    @Inject Clock clock;

    @GET
    public Held list(@PathParam("user_id") String id) {
        AppUser user = users.visibleTo(caller.get(), userId(id));
        // another user's list holds its session handles: only for those who cover that user
        Users.mayActOn(caller.get(), user);
        Instant now = clock.instant();
        return new Held(
                Stream.concat(
                                users.tokens(user.id()).stream().map(t -> TokenView.of(t, now)),
                                users.jwts(user.id()).stream().map(j -> TokenView.of(j, now)))
                        .sorted((a, b) -> b.issuedAt().compareTo(a.issuedAt()))
                        .toList());
    }

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
