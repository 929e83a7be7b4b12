package dev.latch.tokens.boundary;

import dev.latch.audit.boundary.Audited;
import dev.latch.platform.control.LatchException;
import dev.latch.security.control.CurrentCaller;
import dev.latch.security.entity.Permission;
import dev.latch.tokens.control.TokenIntrospection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** RFC 7662 introspection and RFC 7009 revocation, form-encoded, for every kind of token. */
@Path("v1")
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
public class IntrospectionResource {

    @Inject TokenIntrospection introspection;

    @Inject CurrentCaller caller;

    @POST
    @Path("introspect")
    @RolesAllowed(Permission.Names.TOKENS_READ)
    @Transactional(Transactional.TxType.SUPPORTS) // reads only: no transaction to commit
    public TokenIntrospection.Introspected introspect(@FormParam("token") String token) {
        return introspection.introspect(required(token));
    }

    @POST
    @Path("revoke")
    @RolesAllowed({Permission.Names.AUTHENTICATED, Permission.Names.NODE})
    @Audited("token.revoke")
    public Response revoke(@FormParam("token") String token) {
        introspection.revoke(caller.get(), required(token));
        return Response.ok().build();
    }

    private static String required(String token) {
        if (token == null || token.isBlank() || token.length() > 8192) {
            throw LatchException.invalidArgument("token is required (form field token=…)");
        }
        return token.trim();
    }
}
