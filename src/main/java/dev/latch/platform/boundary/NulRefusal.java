package dev.latch.platform.boundary;

import dev.latch.platform.control.LatchException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What would otherwise fail later as a server error is refused first: a NUL in a path or query
 * value (PostgreSQL stores no NUL in text; JSON bodies are refused by WireJson), and an Accept or
 * Content-Type header the platform cannot parse.
 */
@Provider
@PreMatching
public class NulRefusal implements ContainerRequestFilter {

    private static final Pattern Q_PARAMETER = Pattern.compile("(?i);\\s*q\\s*=([^;,]*)");
    private static final Pattern QUALITY = Pattern.compile("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?");

    @Override
    public void filter(ContainerRequestContext request) {
        UriInfo uri = request.getUriInfo();
        boolean nul =
                uri.getPath(true).indexOf('\0') >= 0
                        || uri.getQueryParameters(true).values().stream()
                                .flatMap(List::stream)
                                .anyMatch(value -> value.indexOf('\0') >= 0);
        if (nul) {
            throw LatchException.invalidArgument("A path or query value must not contain NUL");
        }
        String accept = request.getHeaderString("Accept");
        Matcher q = Q_PARAMETER.matcher(accept == null ? "" : accept);
        while (q.find()) {
            if (!QUALITY.matcher(q.group(1).strip()).matches()) {
                throw LatchException.invalidArgument("The Accept header's q must be from 0 to 1");
            }
        }
        try {
            request.getAcceptableMediaTypes();
            request.getMediaType();
        } catch (RuntimeException e) {
            // a header the platform cannot parse is the client's mistake, answered like any other
            throw LatchException.invalidArgument("The Accept or Content-Type header is malformed");
        }
    }
}
