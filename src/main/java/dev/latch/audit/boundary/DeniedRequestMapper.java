package dev.latch.audit.boundary;

import dev.latch.audit.control.AuditTrail;
import dev.latch.platform.boundary.Problems;
import dev.latch.platform.control.ErrorCode;
import dev.latch.platform.control.LatchException;
import dev.latch.platform.control.RequestInfo;
import dev.latch.security.control.AuthenticationFailed;
import dev.latch.security.control.Caller;
import dev.latch.security.control.CurrentCaller;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * {@code @RolesAllowed} refuses before the resource method runs, so no interceptor sees it: here
 * the refusal becomes 401 (no caller, or the refused credential's own code) or 403 (caller lacks
 * the permission), and an event.
 */
@Provider
public class DeniedRequestMapper implements ExceptionMapper<ForbiddenException> {

    @Context ResourceInfo resource;

    @Inject CurrentCaller currentCaller;

    @Inject AuditTrail trail;

    @Inject Event<AuthenticationFailed> failures;

    @Inject Problems problems;

    @Inject HttpServletRequest request;

    @Override
    public Response toResponse(ForbiddenException e) {
        Optional<Caller> caller = currentCaller.find();
        Optional<LatchException> refusedCredential = currentCaller.failure();
        if (refusedCredential.isPresent()) {
            return problems.of(refusedCredential.get()); // the mechanism has recorded it already
        }
        if (caller.isEmpty()) {
            LatchException refusal =
                    new LatchException(
                            ErrorCode.UNAUTHENTICATED, "A valid bearer token is required");
            // anonymous refusals are counted like refused credentials: no flood fills the log
            failures.fire(AuthenticationFailed.of(refusal, request));
            return problems.of(refusal);
        }
        LatchException refusal =
                LatchException.permissionDenied("The token lacks the permission for this call");
        trail.append(
                new AuditTrail.Entry(
                        caller,
                        action(resource.getResourceMethod()),
                        request.getRequestURI(),
                        refusal.status(),
                        refusal.code().code(),
                        RequestInfo.of(request),
                        refusal.getMessage()));
        return problems.of(refusal);
    }

    /**
     * The action the call would have been; reads have none, so they are recorded as {@code
     * api.read}.
     */
    private static String action(Method method) {
        Audited audited = method == null ? null : method.getAnnotation(Audited.class);
        return audited == null ? "api.read" : audited.value();
    }
}
