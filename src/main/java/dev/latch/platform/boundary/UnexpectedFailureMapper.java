package dev.latch.platform.boundary;

import dev.latch.platform.control.Constraints;
import dev.latch.platform.control.ErrorCode;
import dev.latch.platform.control.RequestInfo;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A bug or an outage: logged with the request id for the operator, never shown to the client. */
@Provider
public class UnexpectedFailureMapper implements ExceptionMapper<Exception> {

    private static final System.Logger LOG =
            System.getLogger(UnexpectedFailureMapper.class.getName());

    @Inject Problems problems;

    @Inject HttpServletRequest request;

    @Override
    public Response toResponse(Exception e) {
        if (Constraints.isUnavailable(e)) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Request {0}: the database is unavailable: {1}",
                    RequestInfo.of(request).requestId(),
                    e.toString());
            return problems.of(
                    ErrorCode.UNAVAILABLE, 503, "The database is unavailable; try again shortly");
        }
        LOG.log(
                System.Logger.Level.ERROR,
                "Request " + RequestInfo.of(request).requestId() + " failed",
                e);
        return problems.of(
                ErrorCode.UNAVAILABLE, 500, "The service could not complete the request");
    }
}
