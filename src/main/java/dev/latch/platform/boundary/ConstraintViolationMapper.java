package dev.latch.platform.boundary;

import dev.latch.platform.control.ErrorCode;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.stream.Collectors;

/** Bean Validation failures on request bodies and parameters: 400 naming each offending field. */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

    @Inject Problems problems;

    @Override
    public Response toResponse(ConstraintViolationException e) {
        String detail =
                e.getConstraintViolations().stream()
                        .map(ConstraintViolationMapper::describe)
                        .sorted()
                        .collect(Collectors.joining("; "));
        return problems.of(
                ErrorCode.INVALID_ARGUMENT, 400, detail.isEmpty() ? "Invalid request" : detail);
    }

    private static String describe(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        // "issue.request.name" → "name": clients know fields as on the wire, not Java names
        String field = path.substring(path.lastIndexOf('.') + 1);
        return ("request".equals(field) || field.startsWith("arg")
                        ? "body"
                        : OpenApiWireNames.wireName(field))
                + " "
                + violation.getMessage();
    }
}
