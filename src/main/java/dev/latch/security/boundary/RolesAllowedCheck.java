package dev.latch.security.boundary;

import dev.latch.security.control.Caller;
import dev.latch.security.control.CurrentCaller;
import jakarta.annotation.Priority;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;

/**
 * {@code @RolesAllowed} on resource methods, the same on every runtime: JAX-RS leaves it to each
 * implementation's own switch (RESTEasy's context parameter, Jersey's feature), and container role
 * mapping differs too, so the caller's own groups decide. A refusal is a {@link
 * ForbiddenException}, which DeniedRequestMapper turns into 401 or 403.
 */
@Provider
public class RolesAllowedCheck implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Method method = resource.getResourceMethod();
        if (method.isAnnotationPresent(PermitAll.class)) {
            return;
        }
        RolesAllowed allowed = method.getAnnotation(RolesAllowed.class);
        if (allowed == null) {
            allowed = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        if (allowed != null) {
            context.register(new Check(List.of(allowed.value())));
        }
    }

    @Priority(Priorities.AUTHORIZATION)
    private record Check(List<String> roles) implements ContainerRequestFilter {

        @Override
        public void filter(ContainerRequestContext request) {
            Set<String> groups =
                    CurrentCaller.in(request::getProperty).map(Caller::groups).orElse(Set.of());
            if (roles.stream().noneMatch(groups::contains)) {
                throw new ForbiddenException();
            }
        }
    }
}
