package dev.latch.platform.boundary;

import dev.latch.platform.control.ErrorCode;
import jakarta.inject.Inject;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Malformed JSON, wrong types and unknown fields: the client's mistake, so 400. */
@Provider
public class UnreadableBodyMapper implements ExceptionMapper<JsonbException> {

    @Inject
    Problems problems;

    @Override
    public Response toResponse(JsonbException e) {
        return problems.of(ErrorCode.INVALID_ARGUMENT, 400,
                "Malformed JSON body: expected an object with only the documented fields, each of its documented type");
    }
}
