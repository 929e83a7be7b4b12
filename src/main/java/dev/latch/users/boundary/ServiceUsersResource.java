package dev.latch.users.boundary;

import dev.latch.audit.boundary.Audited;
import dev.latch.platform.boundary.Page;
import dev.latch.platform.boundary.PageRequest;
import dev.latch.platform.control.KeysetCursor;
import dev.latch.security.control.CurrentCaller;
import dev.latch.security.entity.Permission;
import dev.latch.tokens.control.TokenIssuer;
import dev.latch.users.control.ServiceUsers;
import dev.latch.users.control.Users;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Service users and their API keys (pangolin create/list/delete-service-user,
 * rotate-service-user-key).
 */
@Path("v1/service-users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
@RolesAllowed(Permission.Names.USERS_MANAGE)
public class ServiceUsersResource {

    public record CreateServiceUser(
            @NotNull
                    @Pattern(
                            regexp = UsersResource.NAME,
                            message = "must match ^" + UsersResource.NAME + "$")
                    String name,
            @NotNull
                    @Pattern(
                            regexp = UsersResource.ROLE,
                            message = "must be admin, operator, auditor or viewer")
                    String role,
            String keyTtl,
            @Size(max = 20) List<@NotNull String> mintScopes) {}

    public record RotateKey(String grace) {}

    /** The one response that carries an API key's plaintext. */
    public record Key(UUID id, String name, String apiKey, UUID keyId, Instant expiresAt) {

        static Key of(UUID user, String name, TokenIssuer.Issued key) {
            return new Key(user, name, key.secret(), key.token().id(), key.token().expiresAt());
        }
    }

    @Inject ServiceUsers serviceUsers;

    @Inject Users users;

    @Inject CurrentCaller caller;

    @POST
    @Audited("service_user.create")
    public Response create(@Valid @NotNull CreateServiceUser request) {
        var created =
                serviceUsers.create(
                        caller.get(),
                        request.name(),
                        UsersResource.role(request.role()),
                        request.keyTtl(),
                        request.mintScopes());
        return Response.created(URI.create("v1/service-users/" + created.user().id()))
                .entity(Key.of(created.user().id(), created.user().username(), created.key()))
                .build();
    }

    @GET
    public Page<UserView> list(@Valid @BeanParam PageRequest page) {
        return Page.of(
                users.page(true, page.cursor(), page.limit()),
                page.limit(),
                UserView::of,
                u -> new KeysetCursor(u.createdAt(), u.id()).encode());
    }

    @DELETE
    @Path("{id}")
    @Audited("service_user.delete")
    public UserView delete(@PathParam("id") String id) {
        UUID userId = UsersResource.userId(id);
        serviceUsers.delete(caller.get(), userId);
        return UserView.of(serviceUsers.find(userId));
    }

    @POST
    @Path("{id}/rotate-key")
    @Audited("service_key.rotate")
    public Response rotateKey(@PathParam("id") String id, @Valid RotateKey request) {
        UUID userId = UsersResource.userId(id);
        TokenIssuer.Issued key =
                serviceUsers.rotateKey(
                        caller.get(), userId, request == null ? null : request.grace());
        return Response.status(Response.Status.CREATED)
                .entity(Key.of(userId, key.token().name(), key))
                .build();
    }
}
