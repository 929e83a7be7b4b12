package dev.latch.audit.boundary;

import dev.latch.audit.control.AuditCheckpoints;
import dev.latch.audit.control.AuditEventView;
import dev.latch.audit.control.AuditQuery;
import dev.latch.audit.control.AuditTrail;
import dev.latch.audit.entity.PublishedCheckpoint;
import dev.latch.platform.boundary.Page;
import dev.latch.platform.boundary.PageRequest;
import dev.latch.platform.control.Rfc3339;
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

@Path("v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RolesAllowed(Permission.Names.AUDIT_READ)
public class AuditResource {

    @Inject AuditQuery query;

    @Inject AuditTrail trail;

    @Inject AuditCheckpoints checkpoints;

    @GET
    public Page<AuditEventView> list(
            @QueryParam("actor") String actor,
            @QueryParam("action") String action,
            @QueryParam("target") String target,
            @QueryParam("outcome")
                    @Pattern(
                            regexp = "success|denied|failure",
                            message = "must be success, denied or failure")
                    String outcome,
            @QueryParam("since") String since,
            @QueryParam("until") String until,
            @Valid @BeanParam PageRequest page) {
        var filter =
                new AuditQuery.Filter(
                        actor,
                        action,
                        target,
                        outcome,
                        Rfc3339.parse("since", since),
                        Rfc3339.parse("until", until));
        return Page.of(
                query.page(filter, page.cursor(), page.limit()),
                page.limit(),
                AuditEventView::of,
                e -> String.valueOf(e.id()));
    }

    @GET
    @Path("verify")
    public AuditTrail.Verification verify(
            @QueryParam("checkpoint")
                    @Pattern(
                            regexp = "[A-Za-z0-9_-]{1,200}\\.[A-Za-z0-9_-]{1,100}",
                            message = "is not a checkpoint")
                    String checkpoint) {
        return trail.verify(checkpoint);
    }

    /** Checkpoints published by the timer, newest first; each is accepted by verify. */
    @GET
    @Path("checkpoints")
    public Page<Checkpoint> checkpoints(@Valid @BeanParam PageRequest page) {
        return Page.of(
                checkpoints.page(page.cursor(), page.limit()),
                page.limit(),
                Checkpoint::of,
                c -> String.valueOf(c.id()));
    }

    public record Checkpoint(
            long id,
            Instant at,
            long eventCount,
            long lastId,
            String hash,
            String checkpoint,
            boolean anchor) {
        static Checkpoint of(PublishedCheckpoint c) {
            return new Checkpoint(
                    c.id(), c.at(), c.eventCount(), c.lastId(), c.hash(), c.sealed(), c.anchor());
        }
    }
}
