package dev.latch.tokens.boundary;

import dev.latch.audit.boundary.Audited;
import dev.latch.jwt.control.MintedJwts;
import dev.latch.platform.boundary.Page;
import dev.latch.platform.boundary.PageRequest;
import dev.latch.platform.boundary.PathIds;
import dev.latch.platform.control.LatchException;
import dev.latch.security.boundary.LastUseQuery;
import dev.latch.security.control.CredentialUses;
import dev.latch.security.control.CredentialUses.DailyUses;
import dev.latch.security.control.CurrentCaller;
import dev.latch.security.control.LastUseFilter;
import dev.latch.security.entity.LastUse;
import dev.latch.security.entity.Permission;
import dev.latch.tokens.control.BulkRevocation;
import dev.latch.tokens.control.OperatorTokens;
import dev.latch.tokens.control.TokenIssuer;
import dev.latch.tokens.control.TokenQuery;
import dev.latch.tokens.control.TokenView;
import dev.latch.tokens.entity.Token;
import dev.latch.tokens.entity.TokenKind;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Operator tokens (jaco {@code token issue|revoke|list}, pangolin {@code delete-token}). */
@Path("v1/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
public class TokensResource {

    @Inject OperatorTokens tokens;

    @Inject TokenQuery query;

    @Inject MintedJwts sessions;

    @Inject BulkRevocation bulk;

    @Inject CurrentCaller caller;

    @Inject CredentialUses uses;

    @Inject Clock clock;

    @POST
    @RolesAllowed(Permission.Names.TOKENS_MANAGE)
    @Audited("token.issue")
    public Response issue(@Valid @NotNull TokenRequests.Issue request) {
        var issued =
                tokens.issue(
                        caller.get(),
                        request.name(),
                        request.permissions(),
                        Boolean.TRUE.equals(request.allowPrivileged()),
                        request.ttl(),
                        request.description(),
                        request.mintScopes());
        return created(issued);
    }

    @GET
    @RolesAllowed(Permission.Names.TOKENS_READ)
    public Page<TokenView> list(
            @QueryParam("status")
                    @DefaultValue("all")
                    @Pattern(
                            regexp = "active|revoked|expired|all",
                            message = "must be active, revoked, expired or all")
                    String status,
            @QueryParam("kind") String kind,
            @QueryParam("name") String name,
            @Valid @BeanParam LastUseQuery lastUse,
            @Valid @BeanParam PageRequest page) {
        var filter = new TokenQuery.Filter(status, kind == null ? null : kind(kind), name);
        LastUseFilter usage = lastUse.filter();
        return Page.of(
                query.page(filter, usage, page.cursor(), page.limit()),
                page.limit(),
                t -> TokenView.of(t, clock.instant()),
                t -> usage.cursorAfter(t.issuedAt(), t.lastUse().at(), t.id()));
    }

    @GET
    @Path("{token_id}")
    @RolesAllowed(Permission.Names.TOKENS_READ)
    public TokenView get(@PathParam("token_id") String id) {
        return TokenView.of(tokens.find(tokenId(id)), clock.instant());
    }

    /** How a credential was used per day over the last 30 days: tokens and JWT records alike. */
    public record Uses(UUID tokenId, LastUse lastUse, long total, List<DailyUses> days) {}

    @GET
    @Path("{token_id}/uses")
    @RolesAllowed(Permission.Names.TOKENS_READ)
    public Uses uses(@PathParam("token_id") String id) {
        UUID tokenId = tokenId(id);
        LastUse last =
                Optional.ofNullable(tokens.findOrNull(tokenId))
                        .map(Token::lastUse)
                        .or(() -> sessions.visible(caller.get(), tokenId).map(m -> m.lastUse()))
                        .orElseThrow(() -> LatchException.notFound("No token with id " + tokenId));
        List<DailyUses> days = uses.daily(tokenId);
        return new Uses(tokenId, last, days.stream().mapToLong(DailyUses::uses).sum(), days);
    }

    @DELETE
    @Path("{token_id}")
    @RolesAllowed(Permission.Names.TOKENS_MANAGE)
    @Audited("token.revoke")
    public Response revoke(
            @PathParam("token_id") String id,
            @QueryParam("purge")
                    @DefaultValue("false")
                    @Pattern(regexp = "true|false", message = "must be true or false")
                    String purge) {
        if (Boolean.parseBoolean(purge)) {
            return purge(tokenId(id));
        }
        UUID tokenId = tokenId(id);
        Instant now = clock.instant();
        // a session is revoked by id too (pangolin revoke-token-by-id)
        TokenView revoked =
                tokens.revoke(caller.get(), tokenId)
                        .map(t -> TokenView.of(t, now))
                        .or(
                                () ->
                                        sessions.revokeSession(caller.get(), tokenId)
                                                .map(s -> TokenView.of(s, now)))
                        .orElseThrow(() -> LatchException.notFound("No token with id " + tokenId));
        return Response.ok(revoked).build();
    }

    @POST
    @Path("revoke")
    @RolesAllowed(Permission.Names.TOKENS_MANAGE)
    @Audited("token.revoke")
    public TokenRequests.RevokedByName revokeByName(
            @Valid @NotNull TokenRequests.RevokeByName request) {
        List<Token> revoked = tokens.revokeByName(caller.get(), request.name());
        return new TokenRequests.RevokedByName(
                request.name(),
                revoked.stream().map(t -> TokenView.of(t, clock.instant())).toList());
    }

    /**
     * Every live credential the selector matches, within what the caller could revoke one by one.
     */
    @POST
    @Path("revoke-selected")
    @Operation(
            summary = "Revoke every live credential a selector matches, or preview it (dry_run)",
            description =
                    "Credentials of every kind matching all given criteria (at least one), oldest"
                            + " issue first. Each only if the caller could revoke it one by one; the"
                            + " others stay and are counted as out_of_reach. At most"
                            + " latch.tokens.revoke-selected-max per call; remaining says how many"
                            + " more match for another call.")
    @RolesAllowed(Permission.Names.TOKENS_MANAGE)
    @Audited("token.revoke_selected")
    public TokenRequests.RevokedSelection revokeSelected(
            @Valid @NotNull TokenRequests.RevokeSelected request) {
        boolean dryRun = request.dryRun();
        return TokenRequests.RevokedSelection.of(
                bulk.revoke(caller.get(), request.selector().criteria(), request.reason(), dryRun),
                dryRun);
    }

    @POST
    @Path("{token_id}/rotate")
    @RolesAllowed(Permission.Names.TOKENS_MANAGE)
    @Audited("token.rotate")
    public Response rotate(@PathParam("token_id") String id, @Valid TokenRequests.Rotate request) {
        return created(
                tokens.rotate(caller.get(), tokenId(id), request == null ? null : request.grace()));
    }

    /** Removing the record is for admins only; the audit log keeps its history. */
    private Response purge(UUID id) {
        if (!caller.get().permissions().isAdmin()) {
            throw LatchException.permissionDenied(
                    "Purging a token record needs the admin permission");
        }
        tokens.purge(id);
        return Response.noContent().build();
    }

    private static Response created(TokenIssuer.Issued issued) {
        return Response.created(URI.create("v1/tokens/" + issued.token().id()))
                .entity(IssuedToken.of(issued))
                .build();
    }

    private static UUID tokenId(String id) {
        return PathIds.uuid("token_id", id);
    }

    private static TokenKind kind(String name) {
        return TokenKind.ofWireName(name)
                .orElseThrow(
                        () ->
                                LatchException.invalidArgument(
                                        "kind must be operator, service_key, join or node"));
    }
}
