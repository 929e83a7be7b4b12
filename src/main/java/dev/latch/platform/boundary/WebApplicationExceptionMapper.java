package dev.latch.platform.boundary;

import dev.latch.platform.control.ErrorCode;
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
        return switch (status) {
            case 401 ->
                    problems.of(
                            ErrorCode.UNAUTHENTICATED, status, "A valid bearer token is required");
            case 403 ->
                    problems.of(
                            ErrorCode.PERMISSION_DENIED,
                            status,
                            "The token lacks the permission for this call");
            case 404 -> problems.of(ErrorCode.NOT_FOUND, status, "No such resource");
            case 405 ->
                    problems.of(
                            ErrorCode.INVALID_ARGUMENT,
                            status,
                            "Method not allowed on this resource");
            case 406 ->
                    problems.of(
                            ErrorCode.INVALID_ARGUMENT,
                            status,
                            "Only application/json can be produced here");
            case 413 -> problems.of(ErrorCode.INVALID_ARGUMENT, status, "Request body too large");
            case 415 ->
                    problems.of(
                            ErrorCode.INVALID_ARGUMENT,
                            status,
                            "Send the body as application/json");
            default ->
                    status >= 500
                            ? problems.of(
                                    ErrorCode.UNAVAILABLE,
                                    503,
                                    "The service could not complete the request")
                            : problems.of(ErrorCode.INVALID_ARGUMENT, status, "Malformed request");
        };
    }
}
