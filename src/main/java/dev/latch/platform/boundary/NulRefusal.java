package dev.latch.platform.boundary;

import dev.latch.platform.control.LatchException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/**
 * A NUL in a path or query value is refused before anything reads it: PostgreSQL stores no NUL in
 * text, so it could only fail later as a server error. (JSON bodies are refused by WireJson.)
 */
@Provider
@PreMatching
public class NulRefusal implements ContainerRequestFilter {

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
    }
}
