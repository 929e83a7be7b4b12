package dev.latch.security.boundary;

import dev.latch.platform.boundary.JsonbConfiguration;
import dev.latch.platform.boundary.Problem;
import dev.latch.platform.control.ErrorCode;
import dev.latch.platform.control.LatchException;
import dev.latch.platform.control.RequestInfo;
import dev.latch.security.control.AuthenticationFailed;
import dev.latch.security.control.Caller;
import dev.latch.security.control.CurrentCaller;
import dev.latch.security.control.OpaqueTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The one authentication path of the API: {@code Authorization: Bearer <token>} becomes a caller
 * principal whose groups are its permissions. A request without the header goes on anonymous,
 * and {@code @RolesAllowed} answers it with 401.
 */
@ApplicationScoped
public class BearerAuthenticationMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "bearer ";

    @Inject
    OpaqueTokens opaqueTokens;

    @Inject
    Event<AuthenticationFailed> failures;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        String header = request.getHeader("Authorization");
        if (header == null) {
            return context.doNothing();
        }
        try {
            Caller caller = opaqueTokens.authenticate(bearerToken(header));
            CurrentCaller.establish(request, caller);
            return context.notifyContainerAboutLogin(new CallerPrincipal(caller.identity()),
                    caller.permissions().groups());
        } catch (LatchException refused) {
            RequestInfo info = RequestInfo.of(request);
            failures.fire(new AuthenticationFailed(refused, info, request.getRequestURI()));
            return refuse(response, Problem.of(refused, info.requestId()));
        }
    }

    private static String bearerToken(String header) {
        if (header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new LatchException(ErrorCode.UNAUTHENTICATED, "Use the Authorization header's Bearer scheme");
        }
        return header.substring(BEARER.length()).trim();
    }

    private static AuthenticationStatus refuse(HttpServletResponse response, Problem problem) {
        response.setStatus(problem.status());
        response.setHeader("WWW-Authenticate", Problem.BEARER_CHALLENGE);
        response.setHeader(RequestInfo.REQUEST_ID_HEADER, problem.requestId());
        response.setContentType(Problem.MEDIA_TYPE);
        byte[] body = JsonbConfiguration.JSONB.toJson(problem).getBytes(StandardCharsets.UTF_8);
        try {
            response.getOutputStream().write(body);
            response.flushBuffer(); // committed, so the container cannot swap the body for an error page
        } catch (IOException clientGone) {
            // nothing left to tell a client that has disconnected
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
