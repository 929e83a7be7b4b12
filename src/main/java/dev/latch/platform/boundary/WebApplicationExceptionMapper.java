package dev.latch.platform.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * What JAX-RS itself rejects (no such resource, wrong method or media type, unreadable body) as
 * problem+json.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Inject Problems problems;

    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == Response.Status.REQUEST_ENTITY_TOO_LARGE.getStatusCode()) {
            // the rest of the body is never read: closing stops the client sending it (Payara's
            // connector would otherwise wait for it before answering)
            return Response.fromResponse(problems.of(status)).header("Connection", "close").build();
        }
        return problems.of(status);
    }
}
