package dev.latch.join.boundary;

import dev.latch.audit.boundary.Audited;
import dev.latch.join.control.JoinTokens;
import dev.latch.security.control.CertificateBinding;
import dev.latch.security.control.Confirmation;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * prexor BootstrapService: a node trades its join token (the credential; no bearer) for a node
 * credential.
 */
@Path("v1/bootstrap/exchange")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
public class BootstrapResource {

    public record Exchange(@NotNull @Size(max = 200) String joinToken, @NotNull String nodeId) {}

    public record NodeCredential(
            String nodeId,
            String nodeToken,
            long expiresAtEpochMs,
            @Schema(
                            description =
                                    "Present when the exchange came over mutual TLS: the node"
                                            + " credential then works only with that client"
                                            + " certificate; null otherwise",
                            nullable = true)
                    Confirmation cnf) {}

    @Inject JoinTokens joinTokens;

    @Inject HttpServletRequest http;

    @POST
    @PermitAll
    @Audited("join.exchange")
    public NodeCredential exchange(@Valid @NotNull Exchange request) {
        var issued =
                joinTokens.exchange(
                        request.joinToken(),
                        request.nodeId(),
                        CertificateBinding.thumbprint(http).orElse(null));
        return new NodeCredential(
                request.nodeId(),
                issued.secret(),
                issued.token().expiresAt().toEpochMilli(),
                Confirmation.of(issued.token().certificateThumbprint()));
    }
}
