package dev.latch.platform.boundary;

import dev.latch.platform.control.LatchException;
import dev.latch.platform.control.RateLimited;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Domain failures become problem+json with their contract code. */
@Provider
public class LatchExceptionMapper implements ExceptionMapper<LatchException> {

    @Inject Problems problems;

    @Override
    public Response toResponse(LatchException e) {
        Response problem = problems.of(e);
        if (e instanceof RateLimited limited) {
            return Response.fromResponse(problem)
                    .header("Retry-After", limited.retryAfterSeconds())
                    .build();
        }
        return problem;
    }
}
