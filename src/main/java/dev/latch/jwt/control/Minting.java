package dev.latch.jwt.control;

import dev.latch.audit.control.AuditContext;
import dev.latch.platform.control.LatchException;
import dev.latch.platform.control.Ttl;
import dev.latch.security.control.Caller;
import dev.latch.security.entity.Permission;
import dev.latch.security.entity.Permissions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** parachute {@code auth mint-token}: scope-narrow JWTs, audience inferred unless given. */
@ApplicationScoped
public class Minting {

    @Inject JwtIssuer issuer;

    @Inject AuditContext audit;

    @Inject
    @ConfigProperty(name = "latch.jwt.default-ttl")
    Duration defaultTtl;

    @Inject
    @ConfigProperty(name = "latch.jwt.max-ttl")
    Duration maxTtl;

    @Inject
    @ConfigProperty(name = "latch.jwt.audience")
    String latchAudience;

    public JwtIssuer.Signed mint(Caller caller, String scope, String aud, String ttl, String sub) {
        List<String> scopes = scopes(scope);
        String audience = aud != null ? aud : AudienceInference.infer(scopes);
        Duration lifetime = ttl == null ? defaultTtl : Ttl.of(ttl, maxTtl);
        if (audience.equals(latchAudience)) {
            // a JWT for Latch itself acts as its minter: never more than it holds, never as another
            if (!caller.permissions().covers(latchPermissions(scopes))) {
                throw LatchException.permissionDenied(
                        "A JWT for Latch cannot carry permissions its minter does not hold");
            }
            if (sub != null && !sub.equals(caller.identity())) {
                throw LatchException.permissionDenied(
                        "A JWT for Latch has its minter as subject; sub cannot name another");
            }
        } else {
            scopes.stream()
                    .filter(s -> !caller.mayMint(s))
                    .findFirst()
                    .ifPresent(
                            s -> {
                                throw LatchException.permissionDenied(
                                        "Scope \""
                                                + s
                                                + "\" is outside the mint_scopes of this credential");
                            });
        }
        JwtIssuer.Signed signed =
                issuer.sign(
                        "minted",
                        sub != null ? sub : caller.identity(),
                        audience,
                        scope,
                        lifetime,
                        caller.identity(),
                        caller.userId());
        audit.target("jwt:" + signed.record().jti());
        audit.detail("sub=" + signed.record().sub() + " aud=" + audience + " scope=" + scope);
        return signed;
    }

    /**
     * RFC 6749 scope tokens: visible ASCII but '"' and '\\', so no receiver splits them otherwise.
     */
    private static final java.util.regex.Pattern SCOPE_TOKEN =
            java.util.regex.Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

    /** Space-separated, carried verbatim; at least one. */
    public static List<String> scopes(String scope) {
        List<String> scopes =
                scope == null
                        ? List.of()
                        : Arrays.stream(scope.trim().split(" +"))
                                .filter(s -> !s.isEmpty())
                                .toList();
        if (scopes.isEmpty()) {
            throw LatchException.invalidArgument("scope is required");
        }
        if (!scopes.stream().allMatch(s -> SCOPE_TOKEN.matcher(s).matches())) {
            throw LatchException.invalidArgument(
                    "scope must be RFC 6749 scope tokens (visible ASCII, no quote or backslash) separated by spaces");
        }
        return scopes;
    }

    /**
     * The scopes that name one of Latch's permissions: what a Latch-audience JWT may do on this
     * API.
     */
    public static Permissions latchPermissions(List<String> scopes) {
        return new Permissions(
                scopes.stream()
                        .map(Permission::ofWireName)
                        .flatMap(java.util.Optional::stream)
                        .collect(java.util.stream.Collectors.toSet()));
    }
}
