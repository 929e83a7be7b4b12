package dev.latch.join.boundary;

import dev.latch.audit.boundary.Audited;
import dev.latch.join.control.JoinTokens;
import dev.latch.platform.boundary.Page;
import dev.latch.platform.boundary.PageRequest;
import dev.latch.platform.boundary.PathIds;
import dev.latch.platform.control.KeysetCursor;
import dev.latch.platform.control.LatchException;
import dev.latch.security.control.CurrentCaller;
import dev.latch.security.entity.Permission;
import dev.latch.tokens.entity.Token;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** prexor AdminService over REST, field names and status codes as prexor's clients expect them. */
@Path("v1/admin/tokens")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
public class JoinTokensResource {

    public record CreateJoinToken(String nodeId, BigDecimal ttlSeconds, Integer maxUses) {}

    public record CreatedJoinToken(UUID tokenId, String joinToken, long expiresAtEpochMs) {}

    /** prexor's JoinTokenInfo, plus what Latch tracks beyond it. */
    public record JoinTokenInfo(
            UUID tokenId,
            String nodeId,
            long expiresAtEpochMs,
            boolean expired,
            boolean revoked,
            int uses,
            int maxUses,
            Long usedAtEpochMs,
            String usedByNode) {

        static JoinTokenInfo of(Token t, Instant now) {
            return new JoinTokenInfo(
                    t.id(),
                    t.nodeId(),
                    t.expiresAt().toEpochMilli(),
                    !t.expiresAt().isAfter(now),
                    t.revokedAt() != null,
                    t.uses(),
                    t.maxUses(),
                    t.usedAt() == null ? null : t.usedAt().toEpochMilli(),
                    t.usedByNode());
        }
    }

    /** prexor's {@code tokens}, in keyset pages like every list here. */
    public record ListJoinTokens(List<JoinTokenInfo> tokens, String nextCursor) {}

    @Inject JoinTokens joinTokens;

    @Inject CurrentCaller caller;

    @Inject Clock clock;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Permission.Names.TOKENS_MANAGE)
    @Audited("join.create")
    public CreatedJoinToken create(@Valid CreateJoinToken request) {
        CreateJoinToken body = request == null ? new CreateJoinToken(null, null, null) : request;
        var issued =
                joinTokens.create(caller.get(), body.nodeId(), body.ttlSeconds(), body.maxUses());
        return new CreatedJoinToken(
                issued.token().id(), issued.secret(), issued.token().expiresAt().toEpochMilli());
    }

    @GET
    @RolesAllowed(Permission.Names.TOKENS_READ)
    public ListJoinTokens list(
            @QueryParam("include")
                    @Pattern(
                            regexp = "(revoked|used)(,(revoked|used))?",
                            message = "must be revoked, used or revoked,used")
                    String include,
            @Valid @BeanParam PageRequest page) {
        Set<String> extra =
                include == null ? Set.of() : Set.copyOf(Arrays.asList(include.split(",")));
        Instant now = clock.instant();
        Page<JoinTokenInfo> shown =
                Page.of(
                        joinTokens.list(
                                extra.contains("revoked"),
                                extra.contains("used"),
                                page.cursor(),
                                page.limit()),
                        page.limit(),
                        t -> JoinTokenInfo.of(t, now),
                        t -> new KeysetCursor(t.issuedAt(), t.id()).encode());
        return new ListJoinTokens(shown.items(), shown.nextCursor());
    }

    @DELETE
    @Path("{token_id}")
    @RolesAllowed(Permission.Names.TOKENS_MANAGE)
    @Audited("join.revoke")
    public Map<String, Object> revoke(@PathParam("token_id") String id) {
        if (id.isBlank()) {
            throw LatchException.invalidArgument("token_id is required");
        }
        joinTokens.revoke(caller.get(), PathIds.uuid("token_id", id));
        return Map.of();
    }

    /**
     * {@code DELETE /admin/tokens/} with a blank id: prexor answers INVALID_ARGUMENT, not "no such
     * method".
     */
    @DELETE
    @RolesAllowed(Permission.Names.TOKENS_MANAGE)
    public Map<String, Object> revokeWithoutId() {
        throw LatchException.invalidArgument("token_id is required");
    }
}
