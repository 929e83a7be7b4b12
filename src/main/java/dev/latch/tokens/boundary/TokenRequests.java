package dev.latch.tokens.boundary;

import dev.latch.platform.control.Rfc3339;
import dev.latch.platform.control.Ttl;
import dev.latch.tokens.control.BulkRevocation;
import dev.latch.tokens.control.CredentialSelector;
import dev.latch.tokens.control.TokenView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies the token endpoints accept. */
public final class TokenRequests {

    static final String NAME = "[a-z0-9][a-z0-9._:@-]{0,62}";
    static final String NAME_MESSAGE = "must match ^[a-z0-9][a-z0-9._:@-]{0,62}$";
    static final String UUID_TEXT =
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    static final String DNS_LABEL = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";

    private TokenRequests() {}

    public record Issue(
            @NotNull @Pattern(regexp = NAME, message = NAME_MESSAGE) String name,
            @Size(max = 7) List<@NotNull String> permissions,
            Boolean allowPrivileged,
            String ttl,
            @Size(max = 500) String description,
            @Size(max = 20) List<@NotNull String> mintScopes) {}

    public record RevokeByName(
            @NotNull @Pattern(regexp = NAME, message = NAME_MESSAGE) String name) {}

    public record Rotate(String grace) {}

    /** The answer of a revoke by name: every token of that name that was still alive. */
    public record RevokedByName(String name, List<TokenView> revoked) {}

    /** {@code POST /tokens/revoke-selected}: which credentials, why, and whether only to look. */
    public record RevokeSelected(
            @NotNull @Valid Selector selector,
            @NotBlank @Size(max = 500) String reason,
            // required: a client that forgot it, or sent null for "preview", must not revoke
            @Schema(
                            description =
                                    "true: answer what would be revoked, revoke nothing; false:"
                                            + " revoke. Required.")
                    @NotNull(message = "must be true or false; false revokes")
                    Boolean dryRun) {}

    /** Every given criterion must hold; at least one is needed. */
    @Schema(
            description =
                    "Live credentials of every kind; a JWT matches by its subject as name and never"
                            + " by node_id")
    public record Selector(
            @Pattern(regexp = UUID_TEXT, message = "must be a user id (a UUID)") String owner,
            @Pattern(
                            regexp = "operator|service_key|node|join|session|minted|internal",
                            message =
                                    "must be operator, service_key, node, join, session, minted"
                                            + " or internal")
                    String kind,
            @Size(min = 1, max = 200) String namePrefix,
            @Pattern(regexp = DNS_LABEL, message = "must be a DNS label") String nodeId,
            @Schema(description = "RFC 3339; issued before it") @Size(max = 40)
                    String createdBefore,
            @Schema(description = "RFC 3339; issued at or after it") @Size(max = 40)
                    String createdAfter,
            @Schema(description = "e.g. 30d: not used since and issued before now minus it")
                    @Size(max = 12)
                    String unusedFor,
            @Schema(description = "the identity that issued or minted it") @Size(min = 1, max = 100)
                    String issuedBy) {

        CredentialSelector criteria() {
            return new CredentialSelector(
                    owner == null ? null : UUID.fromString(owner),
                    kind,
                    namePrefix,
                    nodeId,
                    Rfc3339.parse("created_before", createdBefore),
                    Rfc3339.parse("created_after", createdAfter),
                    unusedFor == null
                            ? null
                            : Ttl.of("unused_for", unusedFor, CredentialSelector.LONGEST_UNUSED),
                    issuedBy);
        }
    }

    /**
     * What a revocation by selector did, or on a dry run would do: {@code matched} = {@code
     * would_revoke} + {@code out_of_reach} + {@code remaining}.
     */
    public record RevokedSelection(
            boolean dryRun,
            long matched,
            @Schema(
                            description =
                                    "0 on a dry run; less than would_revoke when a call running"
                                            + " at the same time revoked some first")
                    long revoked,
            @Schema(description = "what this call revokes, or on a dry run would revoke")
                    long wouldRevoke,
            @Schema(description = "matched, but the caller could not revoke them one by one")
                    long outOfReach,
            @Schema(description = "the first 50 of what is (would be) revoked, oldest first")
                    List<TokenView> firstPage,
            @Schema(
                            description =
                                    "left for another call by the cap latch.tokens.revoke-selected-max")
                    long remaining) {

        static RevokedSelection of(BulkRevocation.Outcome outcome, boolean dryRun) {
            return new RevokedSelection(
                    dryRun,
                    outcome.matched(),
                    outcome.revoked(),
                    outcome.selected(),
                    outcome.outOfReach(),
                    outcome.firstPage(),
                    outcome.remaining());
        }
    }
}
