package dev.latch.security.boundary;

import dev.latch.platform.control.LatchException;
import dev.latch.security.control.AuthenticationFailed;
import dev.latch.security.control.Caller;
import dev.latch.security.control.CertificateBinding;
import dev.latch.security.control.CurrentCaller;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.util.Optional;

/**
 * RFC 8705 on every request, whether its credential came from the validation cache or not: a caller
 * whose credential is bound to a client certificate is refused unless the request presents that
 * certificate, and goes on anonymous like any refused credential ({@code @RolesAllowed} then
 * answers 401 with the reason). Checked here, after the bearer mechanism and before authorization,
 * because a container may attach the client certificate to the request only after its
 * authentication (Undertow does).
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class CertificateBindingFilter implements ContainerRequestFilter {

    @Inject HttpServletRequest request;

    @Inject CurrentCaller currentCaller;

    @Inject Event<AuthenticationFailed> failures;

    @Override
    public void filter(ContainerRequestContext context) {
        Optional<Caller> caller = currentCaller.find();
        if (caller.isEmpty()) {
            return;
        }
        try {
            CertificateBinding.check(caller.get(), request);
        } catch (LatchException refused) {
            failures.fire(AuthenticationFailed.of(refused, request));
            CurrentCaller.refuse(request, refused);
            context.setSecurityContext(anonymous(context.getSecurityContext()));
        }
    }

    private static SecurityContext anonymous(SecurityContext over) {
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return null;
            }

            @Override
            public boolean isUserInRole(String role) {
                return false;
            }

            @Override
            public boolean isSecure() {
                return over.isSecure();
            }

            @Override
            public String getAuthenticationScheme() {
                return null;
            }
        };
    }
}
