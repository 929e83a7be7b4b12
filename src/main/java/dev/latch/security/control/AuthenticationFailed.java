package dev.latch.security.control;

import dev.latch.platform.control.LatchException;
import dev.latch.platform.control.RequestInfo;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Fired for every refused credential, so the audit log can record it. Never carries the credential.
 */
public record AuthenticationFailed(LatchException failure, RequestInfo request, String path) {

    public static AuthenticationFailed of(LatchException failure, HttpServletRequest request) {
        return new AuthenticationFailed(failure, RequestInfo.of(request), request.getRequestURI());
    }
}
