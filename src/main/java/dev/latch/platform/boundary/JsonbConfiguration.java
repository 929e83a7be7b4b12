package dev.latch.platform.boundary;

import dev.latch.platform.control.WireJson;
import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/** Every JAX-RS body is read and written as {@link WireJson} says. */
@Provider
public class JsonbConfiguration implements ContextResolver<Jsonb> {

    @Override
    public Jsonb getContext(Class<?> type) {
        return WireJson.JSONB;
    }
}
