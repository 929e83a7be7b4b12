package dev.latch.audit.boundary;

import dev.latch.audit.control.AuditCheckpoints;
import dev.latch.audit.control.AuditEventView;
import dev.latch.audit.control.AuditQuery;
import dev.latch.audit.control.AuditTrail;
import dev.latch.audit.entity.PublishedCheckpoint;
import dev.latch.platform.boundary.Page;
import dev.latch.platform.boundary.PageRequest;
import dev.latch.platform.control.LatchException;
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
import java.time.format.DateTimeParseException;

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
                        instant("since", since),
                        instant("until", until));
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

    /** The years PostgreSQL's timestamptz and every sane client share. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private static Instant instant(String name, String value) {
        try {
            Instant at = value == null ? null : Instant.parse(value);
            if (at != null && (at.isBefore(EARLIEST) || at.isAfter(LATEST))) {
                throw new DateTimeParseException("out of range", value, 0);
            }
            return at;
        } catch (DateTimeParseException e) {
            throw LatchException.invalidArgument(
                    name + " must be an RFC 3339 UTC time, e.g. 2026-11-23T12:00:00Z");
        }
    }
}
