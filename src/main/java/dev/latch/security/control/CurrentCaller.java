package dev.latch.security.control;

import dev.latch.platform.control.ErrorCode;
import dev.latch.platform.control.LatchException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.function.Function;

/** The caller the authentication mechanism established for this request. */
@RequestScoped
public class CurrentCaller {

    private static final String ATTRIBUTE = Caller.class.getName();
    private static final String FAILURE = ATTRIBUTE + ".failure";

    @Inject HttpServletRequest request;

    public static void establish(HttpServletRequest request, Caller caller) {
        request.setAttribute(ATTRIBUTE, caller);
    }

    /** The presented credential is refused: the request goes on without a caller. */
    public static void refuse(HttpServletRequest request, LatchException failure) {
        request.removeAttribute(ATTRIBUTE);
        request.setAttribute(FAILURE, failure);
    }

    /** Why the presented credential was refused, when one was presented and refused. */
    public Optional<LatchException> failure() {
        return Optional.ofNullable((LatchException) request.getAttribute(FAILURE));
    }

    public Optional<Caller> find() {
        return in(request::getAttribute);
    }

    /**
     * The caller among a request's attributes: a servlet request's, or a JAX-RS request context's
     * properties, which mirror them.
     */
    public static Optional<Caller> in(Function<String, Object> attributes) {
        return Optional.ofNullable((Caller) attributes.apply(ATTRIBUTE));
    }

    /**
     * The caller of an endpoint that requires one; {@code @RolesAllowed} has already made sure
     * there is.
     */
    public Caller get() {
        return find().orElseThrow(
                        () ->
                                new LatchException(
                                        ErrorCode.UNAUTHENTICATED,
                                        "A valid bearer token is required"));
    }
}
