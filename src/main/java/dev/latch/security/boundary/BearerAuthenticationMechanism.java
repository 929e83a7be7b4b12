package dev.latch.security.boundary;

import dev.latch.platform.control.Constraints;
import dev.latch.platform.control.ErrorCode;
import dev.latch.platform.control.LatchException;
import dev.latch.security.control.AuthenticationFailed;
import dev.latch.security.control.BearerVerifier;
import dev.latch.security.control.Caller;
import dev.latch.security.control.CurrentCaller;
import dev.latch.security.control.ValidatedCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.DateTimeException;

/**
 * The one authentication path of the API: {@code Authorization: Bearer <token>} becomes a caller
 * principal whose groups are its permissions. A request without the header, or with a refused
 * token, goes on anonymous, and {@code @RolesAllowed} answers it with 401.
 */
@ApplicationScoped
public class BearerAuthenticationMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "bearer ";
    private static final String INTERNAL = "/api/internal/";

    @Inject Instance<BearerVerifier> verifiers;

    @Inject Event<AuthenticationFailed> failures;

    @Inject ValidatedCredentials credentials;

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        String header = request.getHeader("Authorization");
        if (header == null
                || request.getRequestURI().startsWith(request.getContextPath() + INTERNAL)) {
            // internal endpoints authenticate their callers with the internal shared key instead
            return context.doNothing();
        }
        try {
            String token = bearerToken(header);
            BearerVerifier verifier =
                    verifiers.stream().filter(v -> v.accepts(token)).findFirst().orElseThrow();
            Caller caller = authenticate(verifier, token);
            CurrentCaller.establish(request, caller);
            return context.notifyContainerAboutLogin(
                    new CallerPrincipal(caller.identity()), caller.groups());
        } catch (LatchException refused) {
            failures.fire(AuthenticationFailed.of(refused, request));
            // go on anonymous: @RolesAllowed answers with this failure's 401 (see
            // CurrentCaller.failure)
            CurrentCaller.refuse(request, refused);
            return context.doNothing();
        } catch (RuntimeException e) {
            if (Constraints.isClientData(e)) {
                // whatever a token carried that the database refused to compare is the token's
                // fault
                LatchException malformed =
                        new LatchException(
                                ErrorCode.UNAUTHENTICATED, "The bearer token is malformed");
                CurrentCaller.refuse(request, malformed);
                return context.doNothing();
            }
            if (!Constraints.isUnavailable(e)) {
                throw e;
            }
            // the database is down: 503 through the same path as a refusal, and no audit write
            CurrentCaller.refuse(
                    request,
                    new LatchException(
                            ErrorCode.UNAVAILABLE,
                            "The database is unavailable; try again shortly"));
            return context.doNothing();
        }
    }

    /**
     * A credential whose content no verifier can make sense of is malformed, never a server error.
     */
    private Caller authenticate(BearerVerifier verifier, String token) {
        try {
            return credentials.authenticate(token, verifier);
        } catch (DateTimeException
                | ArithmeticException
                | ClassCastException
                | IllegalArgumentException e) {
            throw new LatchException(ErrorCode.UNAUTHENTICATED, "The bearer token is malformed");
        }
    }

    private static String bearerToken(String header) {
        if (header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new LatchException(
                    ErrorCode.UNAUTHENTICATED, "Use the Authorization header's Bearer scheme");
        }
        return header.substring(BEARER.length()).trim();
    }
}
