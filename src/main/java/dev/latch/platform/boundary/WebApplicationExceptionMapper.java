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
        return problems.of(e.getResponse().getStatus());
    }
}
