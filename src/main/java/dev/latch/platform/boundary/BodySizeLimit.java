package dev.latch.platform.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Request bodies are small JSON documents; anything larger is refused with 413 before it is parsed.
 */
@Provider
@PreMatching
public class BodySizeLimit implements ContainerRequestFilter {

    @Inject
    @ConfigProperty(name = "latch.http.max-body-bytes")
    int maxBytes;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > maxBytes) {
            throw tooLarge();
        }
        // chunked bodies announce no length: count as they are read
        request.setEntityStream(new Bounded(request.getEntityStream(), maxBytes));
    }

    private static WebApplicationException tooLarge() {
        return new WebApplicationException(Response.Status.REQUEST_ENTITY_TOO_LARGE);
    }

    private static final class Bounded extends FilterInputStream {
        private long remaining;

        Bounded(InputStream in, long limit) {
            super(in);
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            remaining -= n;
            if (remaining < 0) {
                throw tooLarge();
            }
        }
    }
}
