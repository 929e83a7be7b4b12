package dev.latch.expiry.boundary;

import dev.latch.expiry.control.DeliveryLog;
import dev.latch.expiry.entity.WebhookDelivery;
import dev.latch.platform.boundary.Page;
import dev.latch.platform.boundary.PageRequest;
import dev.latch.platform.boundary.PathIds;
import dev.latch.platform.control.KeysetCursor;
import dev.latch.security.entity.Permission;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The webhook delivery log. It names credentials and where warnings went, so it is read as the
 * audit log is, with {@code audit.read}.
 */
@Path("v1/webhooks/deliveries")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RolesAllowed(Permission.Names.AUDIT_READ)
public class WebhookDeliveriesResource {

    @Inject DeliveryLog log;

    @GET
    @Operation(
            summary = "The webhook delivery log, newest first",
            description =
                    "One entry per expiry warning and webhook URL: its status (pending, delivered,"
                            + " failed), attempts, next attempt, the receiver's last HTTP status or"
                            + " why there was none, and when it was delivered.")
    @APIResponse(responseCode = "200", description = "A page of deliveries")
    @APIResponse(responseCode = "400", description = "A bad status, credential_id or cursor")
    public Page<Delivery> list(
            @QueryParam("status")
                    @Parameter(description = "pending, delivered, failed or cancelled")
                    @Pattern(
                            regexp = "pending|delivered|failed|cancelled",
                            message = "must be pending, delivered, failed or cancelled")
                    String status,
            @QueryParam("credential_id")
                    @Parameter(description = "Only the deliveries warning of this credential")
                    String credentialId,
            @Valid @BeanParam PageRequest page) {
        UUID credential = credentialId == null ? null : PathIds.uuid("credential_id", credentialId);
        return Page.of(
                log.page(status, credential, page.cursor(), page.limit()),
                page.limit(),
                Delivery::of,
                d -> new KeysetCursor(d.createdAt(), d.id()).encode());
    }

    /** One delivery as the log shows it; the body is what was signed, as sent. */
    public record Delivery(
            UUID id,
            UUID credentialId,
            String threshold,
            String url,
            String status,
            int attempts,
            Instant createdAt,
            Instant nextAttemptAt,
            Instant lastAttemptAt,
            Integer lastStatus,
            String lastError,
            Instant deliveredAt,
            String body) {
        static Delivery of(WebhookDelivery d) {
            return new Delivery(
                    d.id(),
                    d.credentialId(),
                    d.threshold(),
                    d.url(),
                    d.status(),
                    d.attempts(),
                    d.createdAt(),
                    d.nextAttemptAt(),
                    d.lastAttemptAt(),
                    d.lastStatus(),
                    d.lastError(),
                    d.deliveredAt(),
                    d.body());
        }
    }
}
