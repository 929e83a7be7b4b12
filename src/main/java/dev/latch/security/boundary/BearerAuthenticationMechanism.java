package dev.latch.security.boundary;

import dev.latch.platform.control.Constraints;
import dev.latch.platform.control.ErrorCode;
import dev.latch.platform.control.LatchException;
import dev.latch.security.control.AuthenticationFailed;
import dev.latch.security.control.Authentications;
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

    @Inject Authentications authentications;

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        String header = request.getHeader("Authorization");
        if (header == null
                || request.getRequestURI().startsWith(request.getContextPath() + INTERNAL)) {
            // internal endpoints authenticate their callers with the internal shared key instead
            return context.doNothing();
        }
        long started = System.nanoTime();
        if (header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return refuse(
                    request,
                    context,
                    audited(
                            request,
                            new LatchException(
                                    ErrorCode.UNAUTHENTICATED,
                                    "Use the Authorization header's Bearer scheme")),
                    BearerVerifier.MALFORMED,
                    started);
        }
        String token = header.substring(BEARER.length()).trim();
        BearerVerifier verifier =
                verifiers.stream().filter(v -> v.accepts(token)).findFirst().orElseThrow();
        try {
            Caller caller = authenticate(verifier, token);
            authentications.accepted(caller, started);
            CurrentCaller.establish(request, caller);
            return context.notifyContainerAboutLogin(
                    new CallerPrincipal(caller.identity()), caller.groups());
        } catch (LatchException refused) {
            return refuse(
                    request,
                    context,
                    audited(request, refused),
                    verifier.claimedKind(token),
                    started);
        } catch (RuntimeException e) {
            String kind = verifier.claimedKind(token);
            if (Constraints.isClientData(e)) {
                // whatever a token carried that the database refused to compare is the token's
                // fault
                return refuse(
                        request,
                        context,
                        new LatchException(
                                ErrorCode.UNAUTHENTICATED, "The bearer token is malformed"),
                        kind,
                        started);
            }
            if (!Constraints.isUnavailable(e)) {
                authentications.failed(kind, started);
                throw e;
            }
            // the database is down: 503 through the same path as a refusal, and no audit write
            return refuse(
                    request,
                    context,
                    new LatchException(
                            ErrorCode.UNAVAILABLE,
                            "The database is unavailable; try again shortly"),
                    kind,
                    started);
        }
    }

    /** Goes on anonymous: {@code @RolesAllowed} answers with this failure (see CurrentCaller). */
    private AuthenticationStatus refuse(
            HttpServletRequest request,
            HttpMessageContext context,
            LatchException failure,
            String kind,
            long started) {
        authentications.refused(kind, failure.code(), started);
        CurrentCaller.refuse(request, failure);
        return context.doNothing();
    }

    /** A refused credential, told to the audit log. */
    private LatchException audited(HttpServletRequest request, LatchException refused) {
        failures.fire(AuthenticationFailed.of(refused, request));
        return refused;
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
}
