package dev.latch.audit.boundary;

import dev.latch.audit.control.AuditContext;
import dev.latch.audit.control.AuditTrail;
import dev.latch.audit.control.FailedAuthentications;
import dev.latch.platform.control.LatchException;
import dev.latch.platform.control.RequestInfo;
import dev.latch.security.control.Caller;
import dev.latch.security.control.CurrentCaller;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * Writes one event per audited call. It runs inside {@code @Transactional}: a success is written in
 * the work's own transaction, so the change and its event commit together or not at all; a failure
 * is written in a transaction of its own, so it stays when the work rolls back.
 */
@Audited("")
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class AuditInterceptor {

    @Inject AuditTrail trail;

    @Inject FailedAuthentications failures;

    @Inject AuditContext context;

    @Inject CurrentCaller caller;

    @Inject HttpServletRequest request;

    @AroundInvoke
    public Object record(InvocationContext invocation) throws Exception {
        String action = action(invocation);
        Object result;
        try {
            result = invocation.proceed();
        } catch (LatchException e) {
            String detail =
                    context.detail() == null
                            ? e.getMessage()
                            : e.getMessage() + "; " + context.detail();
            append(action, e.status(), e.code().code(), detail);
            throw e;
        } catch (WebApplicationException e) {
            append(action, e.getResponse().getStatus(), null, null);
            throw e;
        } catch (RuntimeException e) {
            append(action, 500, "unavailable", "unexpected failure");
            throw e;
        }
        int status = result instanceof Response response ? response.getStatus() : 200;
        trail.appendWithWork(
                entry(
                        context.action().orElse(action),
                        context.target(),
                        status,
                        null,
                        context.detail()));
        trail.appendWithWork(
                context.also().stream()
                        .map(
                                also ->
                                        entry(
                                                also.action(),
                                                also.target(),
                                                status,
                                                null,
                                                also.detail()))
                        .toList());
        return result;
    }

    /**
     * A failure; an anonymous one (a login, an exchange) is aggregated so no flood fills the log.
     */
    private void append(String action, int status, String code, String detail) {
        AuditTrail.Entry entry =
                entry(context.action().orElse(action), context.target(), status, code, detail);
        if (caller.find().isEmpty() && status < 500) {
            failures.refused(entry);
        } else {
            trail.append(entry);
        }
    }

    /** The caller, or for a call that has none (a login), the actor the work named. */
    private AuditTrail.Entry entry(
            String action, String target, int status, String code, String detail) {
        Optional<Caller> by = caller.find();
        return new AuditTrail.Entry(
                by.map(Caller::identity).or(context::actor).orElse(null),
                by.map(Caller::tokenId).orElse(null),
                action,
                target,
                status,
                code,
                RequestInfo.of(request),
                detail);
    }

    private static String action(InvocationContext invocation) {
        Audited audited = invocation.getMethod().getAnnotation(Audited.class);
        return (audited != null
                        ? audited
                        : invocation.getMethod().getDeclaringClass().getAnnotation(Audited.class))
                .value();
    }
}
