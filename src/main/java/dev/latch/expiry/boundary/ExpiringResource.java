package dev.latch.expiry.boundary;

import dev.latch.expiry.control.ExpiringCredentials;
import dev.latch.expiry.control.ExpiryWarnings;
import dev.latch.expiry.control.Thresholds;
import dev.latch.platform.boundary.Page;
import dev.latch.platform.boundary.PageRequest;
import dev.latch.platform.control.KeysetCursor;
import dev.latch.platform.control.Ttl;
import dev.latch.security.control.CurrentCaller;
import dev.latch.security.entity.Permission;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** What expires soon, across every kind of credential: the admin page's "Expiring soon". */
@Path("v1/expiring")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RolesAllowed(Permission.Names.TOKENS_READ)
public class ExpiringResource {

    @Inject ExpiringCredentials expiring;

    @Inject ExpiryWarnings warnings;

    @Inject CurrentCaller caller;

    @GET
    @Operation(
            summary = "Active credentials expiring within a window, soonest first",
            description =
                    "Opaque tokens of every kind and JWT records (minted, internal, sessions: a"
                            + " session only to its owner and admins), each with kind, name (a"
                            + " JWT's sub), owner_id, expires_at and warned: the expiry-warning"
                            + " thresholds it was already warned of.")
    @APIResponse(responseCode = "200", description = "A page of credentials")
    @APIResponse(responseCode = "400", description = "A bad within or cursor")
    public Page<ExpiringCredentials.Expiring> list(
            @QueryParam("within")
                    @Parameter(
                            description =
                                    "e.g. 7d, 12h; default the widest threshold"
                                            + " (latch.expiry.thresholds), at most 365d")
                    String within,
            @Valid @BeanParam PageRequest page) {
        Duration window =
                within == null
                        ? warnings.thresholds().widest()
                        : Ttl.of("within", within, Thresholds.MAX);
        return Page.of(
                expiring.page(caller.get(), window, page.cursor(), page.limit()),
                page.limit(),
                c -> c,
                c -> new KeysetCursor(c.expiresAt(), c.id()).encode());
    }
}
