package dev.latch.security.boundary;

import dev.latch.security.control.Caller;
import dev.latch.security.control.CurrentCaller;
import dev.latch.security.entity.Permission;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Path("v1/whoami")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class WhoAmIResource {

    public record WhoAmI(
            String identity,
            UUID tokenId,
            String kind,
            List<String> permissions,
            boolean allowsPrivileged,
            Instant expiresAt,
            List<String> mintScopes) {}

    @Inject CurrentCaller currentCaller;

    @GET
    @RolesAllowed({Permission.Names.AUTHENTICATED, Permission.Names.NODE})
    public WhoAmI whoami() {
        Caller caller = currentCaller.get();
        return new WhoAmI(
                caller.identity(),
                caller.tokenId(),
                caller.kind(),
                caller.permissions().wireNames(),
                caller.allowsPrivileged(),
                caller.expiresAt(),
                caller.mintScopes().patterns());
    }
}
