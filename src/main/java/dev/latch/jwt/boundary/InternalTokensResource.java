package dev.latch.jwt.boundary;

import dev.latch.audit.boundary.Audited;
import dev.latch.jwt.control.InternalIssuing;
import dev.latch.jwt.control.JwtIssuer;
import dev.latch.platform.control.LatchException;
import dev.latch.platform.control.WireJson;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.JsonbException;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * bus remote issuing: {@code Authorization: Bearer <internal key>}, checked by the control, not the
 * mechanism.
 */
@Path("internal/auth/token")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
public class InternalTokensResource {

    public record IssueRequest(
            // minted_by records "internal:<subject>" in 100 characters
            @NotNull @Size(min = 1, max = 90) String subject,
            @NotNull @Size(min = 1, max = 200) String audience,
            @NotNull @Size(max = 2000) String scope,
            @NotNull @Size(max = 16) String ttl) {}

    public record AccessToken(
            String accessToken, String tokenType, long expiresIn, Instant expiresAt) {}

    @Inject InternalIssuing issuing;

    @Inject Validator validator;

    /** The body as JSON, read only once the key was accepted. */
    private static IssueRequest parse(String body) {
        try {
            IssueRequest request =
                    body == null || body.isBlank()
                            ? null
                            : WireJson.JSONB.fromJson(body, IssueRequest.class);
            if (request == null) {
                throw LatchException.invalidArgument("A JSON body is required");
            }
            return request;
        } catch (JsonbException e) {
            throw LatchException.invalidArgument("The body is not the JSON this endpoint reads");
        }
    }

    @POST
    @PermitAll
    @Audited("jwt.internal_issue")
    public AccessToken issue(@HeaderParam("Authorization") String authorization, String body) {
        String key =
                authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                        ? authorization.substring(7).trim()
                        : null;
        // configuration and key first (404, 401), the body after: nothing to learn without the key
        issuing.authenticate(key);
        IssueRequest request = parse(body);
        Set<ConstraintViolation<IssueRequest>> invalid = validator.validate(request);
        if (!invalid.isEmpty()) {
            throw new ConstraintViolationException(invalid);
        }
        JwtIssuer.Signed signed =
                issuing.issue(
                        key, request.subject(), request.audience(), request.scope(), request.ttl());
        Instant exp = signed.record().expiresAt();
        return new AccessToken(
                signed.token(),
                "Bearer",
                Duration.between(signed.record().issuedAt(), exp).toSeconds(),
                exp);
    }
}
