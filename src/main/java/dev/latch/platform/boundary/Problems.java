package dev.latch.platform.boundary;

import dev.latch.platform.control.ErrorCode;
import dev.latch.platform.control.LatchException;
import dev.latch.platform.control.RequestInfo;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;

/** Builds problem responses stamped with the current request id. */
@RequestScoped
public class Problems {

    @Inject HttpServletRequest request;

    public Response of(LatchException e) {
        return Problem.of(e, requestId()).toResponse();
    }

    /** A bare status from the platform, as problem+json. */
    public Response of(int status) {
        return Problem.ofStatus(status, requestId()).toResponse();
    }

    public Response of(ErrorCode code, int status, String detail) {
        return Problem.of(code, status, detail, null, requestId()).toResponse();
    }

    private String requestId() {
        return RequestInfo.of(request).requestId();
    }
}
