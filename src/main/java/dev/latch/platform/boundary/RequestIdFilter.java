package dev.latch.platform.boundary;

import dev.latch.platform.control.RequestInfo;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/** Echoes the request id, so a client can quote it and an operator can find the audit event. */
@Provider
public class RequestIdFilter implements ContainerResponseFilter {

    @Context HttpServletRequest request;

    @Override
    public void filter(
            ContainerRequestContext requestContext, ContainerResponseContext responseContext) {
        responseContext
                .getHeaders()
                .putSingle(RequestInfo.REQUEST_ID_HEADER, RequestInfo.of(request).requestId());
        responseContext.getHeaders().putSingle("Cache-Control", "no-store");
    }
}
