package dev.latch.audit.control;

import jakarta.enterprise.context.RequestScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * What the work of a request names for its audit event: the target and a short, secret-free detail.
 */
@RequestScoped
public class AuditContext {

    private String action;
    private String target;
    private String detail;
    private String actor;
    private final List<Also> also = new ArrayList<>();

    /** One more event of the same call, e.g. for each credential a bulk revocation ended. */
    public record Also(String action, String target, String detail) {}

    /** Who acted, for a call made without a caller (a login names its user). */
    public void actor(String actor) {
        this.actor = actor;
    }

    public java.util.Optional<String> actor() {
        return java.util.Optional.ofNullable(actor);
    }

    /**
     * Names the action more precisely than the endpoint's {@code @Audited} does, e.g. a purge on
     * DELETE.
     */
    public void action(String action) {
        this.action = action;
    }

    public java.util.Optional<String> action() {
        return java.util.Optional.ofNullable(action);
    }

    public void target(String target) {
        this.target = target;
    }

    public void detail(String detail) {
        this.detail = detail;
    }

    public String target() {
        return target;
    }

    public String detail() {
        return detail;
    }

    /** Written after the call's own event, by the same actor, and only when the call succeeds. */
    public void also(String action, String target, String detail) {
        also.add(new Also(action, target, detail));
    }

    public List<Also> also() {
        return List.copyOf(also);
    }
}
