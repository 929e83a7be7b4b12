package dev.latch.users.boundary;

import dev.latch.audit.boundary.Audited;
import dev.latch.platform.boundary.Page;
import dev.latch.platform.boundary.PageRequest;
import dev.latch.platform.boundary.PathIds;
import dev.latch.platform.control.KeysetCursor;
import dev.latch.platform.control.LatchException;
import dev.latch.platform.control.RequestInfo;
import dev.latch.security.control.CurrentCaller;
import dev.latch.security.entity.Permission;
import dev.latch.users.control.Users;
import dev.latch.users.entity.AppUser;
import dev.latch.users.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;

/** Users (pangolin): create, list, look at, disable; change one's own password. */
@Path("v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
public class UsersResource {

    static final String NAME = "[a-z0-9][a-z0-9._@-]{0,62}";
    static final String ROLE = "admin|operator|auditor|viewer";

    public record CreateUser(
            @NotNull @Pattern(regexp = NAME, message = "must match ^" + NAME + "$") String username,
            @NotNull String password,
            @NotNull @Pattern(regexp = ROLE, message = "must be admin, operator, auditor or viewer")
                    String role) {}

    public record PasswordChange(@NotNull String currentPassword, @NotNull String newPassword) {}

    @Inject Users users;

    @Inject CurrentCaller caller;

    @Inject HttpServletRequest http;

    @POST
    @RolesAllowed(Permission.Names.USERS_MANAGE)
    @Audited("user.create")
    public Response create(@Valid @NotNull CreateUser request) {
        AppUser user =
                users.createPerson(
                        caller.get(), request.username(), request.password(), role(request.role()));
        return Response.created(URI.create("v1/users/" + user.id()))
                .entity(UserView.of(user))
                .build();
    }

    @GET
    @RolesAllowed(Permission.Names.USERS_MANAGE)
    public Page<UserView> list(@Valid @BeanParam PageRequest page) {
        return Page.of(
                users.page(false, page.cursor(), page.limit()),
                page.limit(),
                UserView::of,
                u -> new KeysetCursor(u.createdAt(), u.id()).encode());
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Permission.Names.AUTHENTICATED)
    public UserView get(@PathParam("id") String id) {
        return UserView.of(users.visibleTo(caller.get(), userId(id)));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Permission.Names.USERS_MANAGE)
    @Audited("user.disable")
    public UserView disable(@PathParam("id") String id) {
        UUID userId = userId(id);
        users.disable(caller.get(), userId);
        return UserView.of(users.find(userId));
    }

    @PUT
    @Path("me/password")
    @RolesAllowed(Permission.Names.AUTHENTICATED)
    @Audited("user.password_change")
    public Response changePassword(@Valid @NotNull PasswordChange request) {
        users.changePassword(
                caller.get(),
                request.currentPassword(),
                request.newPassword(),
                RequestInfo.of(http).sourceIp());
        return Response.noContent().build();
    }

    static UUID userId(String id) {
        return PathIds.uuid("id", id);
    }

    static Role role(String name) {
        return Role.ofWireName(name)
                .orElseThrow(
                        () ->
                                LatchException.invalidArgument(
                                        "role must be admin, operator, auditor or viewer"));
    }
}
