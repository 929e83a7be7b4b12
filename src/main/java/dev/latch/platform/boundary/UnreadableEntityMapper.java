package dev.latch.platform.boundary;

import dev.latch.platform.control.ErrorCode;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The JSON-B provider reports unreadable bodies (malformed JSON, wrong types, unknown fields) as a
 * ProcessingException: 400, unless reading stopped because the body outgrew the limit.
 */
@Provider
public class UnreadableEntityMapper implements ExceptionMapper<ProcessingException> {

    @Inject Problems problems;

    @Override
    public Response toResponse(ProcessingException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof WebApplicationException tooLarge
                    && tooLarge.getResponse().getStatus() == 413) {
                return problems.of(ErrorCode.INVALID_ARGUMENT, 413, "Request body too large");
            }
        }
        return problems.of(
                ErrorCode.INVALID_ARGUMENT,
                400,
                "Malformed JSON body: expected an object with only the documented fields, each of its documented type");
    }
}
