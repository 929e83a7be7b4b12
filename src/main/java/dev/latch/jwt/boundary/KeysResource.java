package dev.latch.jwt.boundary;

import dev.latch.audit.boundary.Audited;
import dev.latch.audit.control.AuditContext;
import dev.latch.jwt.control.SigningKeys;
import dev.latch.jwt.entity.SigningKey;
import dev.latch.security.control.CurrentCaller;
import dev.latch.security.entity.Permission;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The signing keys, public facts only; rotation on request. */
@Path("v1/keys")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
@RolesAllowed(Permission.Names.KEYS_MANAGE)
public class KeysResource {

    public record KeyView(
            String kid,
            String algorithm,
            String status,
            boolean published,
            Instant createdAt,
            Instant activatesAt,
            Instant retiredAt,
            Instant signedUntil,
            Instant revokedAt) {

        static KeyView of(SigningKey k, Instant now) {
            return new KeyView(
                    k.kid(),
                    k.algorithm(),
                    k.statusAt(now).wireName(),
                    k.isPublishedAt(now),
                    k.createdAt(),
                    k.activatesAt(),
                    k.retiredAt(),
                    k.signedUntil(),
                    k.revokedAt());
        }
    }

    @Inject SigningKeys keys;

    @Inject Clock clock;

    @Inject CurrentCaller caller;

    @Inject AuditContext audit;

    @GET
    public List<KeyView> list() {
        return keys.all().stream().map(k -> KeyView.of(k, clock.instant())).toList();
    }

    @POST
    @Path("rotate")
    @Audited("key.rotate")
    public Response rotate() {
        SigningKey fresh = keys.rotateNow();
        audit.target("key:" + fresh.kid());
        return Response.status(Response.Status.CREATED)
                .entity(KeyView.of(fresh, clock.instant()))
                .build();
    }

    /** A compromised key stops verifying at once, with every token it signed. */
    @POST
    @Path("{kid}/revoke")
    @Audited("key.revoke")
    public KeyView revoke(@PathParam("kid") @Size(max = 100) String kid) {
        audit.target("key:" + kid);
        return KeyView.of(keys.revoke(kid, caller.get().identity()), clock.instant());
    }
}
