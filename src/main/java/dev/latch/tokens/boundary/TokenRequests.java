package dev.latch.tokens.boundary;

import dev.latch.tokens.control.TokenView;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The bodies the token endpoints accept. */
public final class TokenRequests {

    static final String NAME = "[a-z0-9][a-z0-9._:@-]{0,62}";
    static final String NAME_MESSAGE = "must match ^[a-z0-9][a-z0-9._:@-]{0,62}$";

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
}
