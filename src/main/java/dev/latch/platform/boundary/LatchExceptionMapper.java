package dev.latch.platform.boundary;

import dev.latch.platform.control.LatchException;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Domain failures become problem+json with their contract code. */
@Provider
public class LatchExceptionMapper implements ExceptionMapper<LatchException> {

    @Inject
    Problems problems;

    @Override
    public Response toResponse(LatchException e) {
        return problems.of(e);
    }
}
