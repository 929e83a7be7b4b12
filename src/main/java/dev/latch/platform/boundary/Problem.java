package dev.latch.platform.boundary;

import dev.latch.platform.control.ErrorCode;
import dev.latch.platform.control.LatchException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem with the contract's {@code code} (and {@code reason} for failed
 * preconditions).
 */
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String code,
        String reason,
        String requestId) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);
    public static final String BEARER_CHALLENGE = "Bearer error=\"invalid_token\"";

    /** An outage of the database is short, or the client should not hammer it: retry after this. */
    static final int RETRY_UNAVAILABLE_SECONDS = 2;

    public static Problem of(
            ErrorCode code, int status, String detail, String reason, String requestId) {
        return new Problem(
                "https://latch.dev/problems/" + code.code().replace('_', '-'),
                code.title(),
                status,
                detail,
                code.code(),
                reason,
                requestId);
    }

    /** What a bare status from the platform (no route, wrong method, body too large) means here. */
    public static Problem ofStatus(int status, String requestId) {
        return switch (status) {
            case 401 ->
                    of(
                            ErrorCode.UNAUTHENTICATED,
                            status,
                            "A valid bearer token is required",
                            null,
                            requestId);
            case 403 ->
                    of(
                            ErrorCode.PERMISSION_DENIED,
                            status,
                            "The token lacks the permission for this call",
                            null,
                            requestId);
            case 404 -> of(ErrorCode.NOT_FOUND, status, "No such resource", null, requestId);
            case 405, 501 ->
                    of(
                            ErrorCode.INVALID_ARGUMENT,
                            405,
                            "Method not allowed on this resource",
                            null,
                            requestId);
            case 406 ->
                    of(
                            ErrorCode.INVALID_ARGUMENT,
                            status,
                            "Only application/json can be produced here",
                            null,
                            requestId);
            case 413 ->
                    of(
                            ErrorCode.INVALID_ARGUMENT,
                            status,
                            "Request body too large",
                            null,
                            requestId);
            case 415 ->
                    of(
                            ErrorCode.INVALID_ARGUMENT,
                            status,
                            "Send the body as application/json",
                            null,
                            requestId);
            default ->
                    status >= 500
                            ? of(
                                    ErrorCode.UNAVAILABLE,
                                    503,
                                    "The service could not complete the request",
                                    null,
                                    requestId)
                            : of(
                                    ErrorCode.INVALID_ARGUMENT,
                                    status,
                                    "Malformed request",
                                    null,
                                    requestId);
        };
    }

    public static Problem of(LatchException e, String requestId) {
        return of(e.code(), e.status(), e.getMessage(), e.reason(), requestId);
    }

    /** The JAX-RS response; authentication failures carry the RFC 6750 challenge. */
    public Response toResponse() {
        Response.ResponseBuilder response = Response.status(status).type(PROBLEM_JSON).entity(this);
        if (status == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE);
        }
        if (status == 503) {
            response.header(HttpHeaders.RETRY_AFTER, RETRY_UNAVAILABLE_SECONDS);
        }
        return response.build();
    }
}
