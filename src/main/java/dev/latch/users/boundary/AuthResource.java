package dev.latch.users.boundary;

import dev.latch.audit.boundary.Audited;
import dev.latch.jwt.control.JwtIssuer;
import dev.latch.platform.control.RequestInfo;
import dev.latch.security.control.CurrentCaller;
import dev.latch.security.entity.Permission;
import dev.latch.users.control.Sessions;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.UUID;

/** Sign in with a password for a session JWT; sign out by revoking whatever made the request. */
@Path("v1/auth")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
public class AuthResource {

    public record Login(
            @NotNull @Size(min = 1, max = 63) String username,
            @NotNull @Size(max = 1024) String password) {}

    public record Session(String token, String tokenType, Instant expiresAt, UUID sessionId) {}

    @Inject Sessions sessions;

    @Inject CurrentCaller caller;

    @Inject HttpServletRequest request;

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll
    @Audited("auth.login")
    public Session login(@Valid @NotNull Login login) {
        JwtIssuer.Signed signed =
                sessions.login(
                        login.username(), login.password(), RequestInfo.of(request).sourceIp());
        return new Session(
                signed.token(), "Bearer", signed.record().expiresAt(), signed.record().jti());
    }

    @POST
    @Path("logout")
    @RolesAllowed({Permission.Names.AUTHENTICATED, Permission.Names.NODE})
    @Audited("auth.logout")
    public Response logout() {
        sessions.logout(caller.get());
        return Response.noContent().build();
    }
}
