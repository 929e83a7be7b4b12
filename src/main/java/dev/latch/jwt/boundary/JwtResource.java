package dev.latch.jwt.boundary;

import dev.latch.audit.boundary.Audited;
import dev.latch.jwt.control.JwtIssuer;
import dev.latch.jwt.control.MintedJwts;
import dev.latch.jwt.control.Minting;
import dev.latch.jwt.entity.MintedJwt;
import dev.latch.platform.boundary.Page;
import dev.latch.platform.boundary.PageRequest;
import dev.latch.platform.boundary.PathIds;
import dev.latch.security.boundary.LastUseQuery;
import dev.latch.security.control.CurrentCaller;
import dev.latch.security.control.LastUseFilter;
import dev.latch.security.entity.LastUse;
import dev.latch.security.entity.Permission;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** parachute {@code auth mint-token}: scope-narrow JWTs, their record, their revocation. */
@Path("v1/jwt")
@Consumes(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
public class JwtResource {

    public record MintRequest(
            @NotNull(message = "is required") @Size(max = 2000) String scope,
            @Size(min = 1, max = 200) String aud,
            @Size(max = 16) String ttl,
            @Size(min = 1, max = 200) String sub) {}

    public record Minted(
            String token,
            String tokenType,
            Instant expiresAt,
            String aud,
            String scope,
            String sub,
            String kid,
            UUID jti) {

        static Minted of(JwtIssuer.Signed signed) {
            MintedJwt r = signed.record();
            return new Minted(
                    signed.token(),
                    "Bearer",
                    r.expiresAt(),
                    r.aud(),
                    r.scope(),
                    r.sub(),
                    r.kid(),
                    r.jti());
        }
    }

    public record MintedView(
            UUID jti,
            String kind,
            String status,
            String sub,
            String aud,
            String scope,
            String kid,
            Instant issuedAt,
            Instant expiresAt,
            String mintedBy,
            Instant revokedAt,
            String revokedBy,
            Instant lastUsedAt,
            LastUse lastUse) {

        static MintedView of(MintedJwt r, Instant now) {
            return new MintedView(
                    r.jti(),
                    r.kind(),
                    r.statusAt(now),
                    r.sub(),
                    r.aud(),
                    r.scope(),
                    r.kid(),
                    r.issuedAt(),
                    r.expiresAt(),
                    r.mintedBy(),
                    r.revokedAt(),
                    r.revokedBy(),
                    r.lastUse().at(),
                    r.lastUse());
        }
    }

    @Inject Minting minting;

    @Inject MintedJwts minted;

    @Inject CurrentCaller caller;

    @Inject Clock clock;

    @POST
    @Path("mint")
    @Produces("application/json;qs=1")
    @RolesAllowed(Permission.Names.JWT_MINT)
    @Audited("jwt.mint")
    public Minted mint(@Valid @NotNull MintRequest request) {
        return Minted.of(sign(request));
    }

    /** {@code Accept: text/plain}: the token and one newline, nothing else, for pipes. */
    @POST
    @Path("mint")
    @Produces("text/plain;qs=0.5")
    @RolesAllowed(Permission.Names.JWT_MINT)
    @Audited("jwt.mint")
    public String mintPlain(@Valid @NotNull MintRequest request) {
        return sign(request).token() + "\n";
    }

    @GET
    @Path("minted")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Permission.Names.TOKENS_READ)
    public Page<MintedView> list(
            @Valid @BeanParam LastUseQuery lastUse, @Valid @BeanParam PageRequest page) {
        LastUseFilter usage = lastUse.filter();
        return Page.of(
                minted.page(caller.get(), usage, page.cursor(), page.limit()),
                page.limit(),
                r -> MintedView.of(r, clock.instant()),
                r -> usage.cursorAfter(r.issuedAt(), r.lastUse().at(), r.jti()));
    }

    @DELETE
    @Path("minted/{jti}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Permission.Names.TOKENS_MANAGE)
    @Audited("jwt.revoke")
    public MintedView revoke(@PathParam("jti") String jti) {
        return MintedView.of(
                minted.revoke(caller.get(), PathIds.uuid("jti", jti)), clock.instant());
    }

    private JwtIssuer.Signed sign(MintRequest request) {
        return minting.mint(
                caller.get(), request.scope(), request.aud(), request.ttl(), request.sub());
    }
}
