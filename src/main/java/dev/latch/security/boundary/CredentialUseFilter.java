package dev.latch.security.boundary;

import dev.latch.platform.control.RequestInfo;
import dev.latch.security.control.CredentialUses;
import dev.latch.security.control.CurrentCaller;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Notes the use of the credential a request was accepted with, from cache or not: after the
 * certificate binding, so a bound credential presented without its certificate is not a use.
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 1)
public class CredentialUseFilter implements ContainerRequestFilter {

    @Inject HttpServletRequest request;

    @Inject CurrentCaller currentCaller;

    @Inject CredentialUses uses;

    @Override
    public void filter(ContainerRequestContext context) {
        currentCaller.find().ifPresent(caller -> uses.note(caller, RequestInfo.of(request)));
    }
}
