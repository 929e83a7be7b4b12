package dev.latch.platform.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** The REST API lives under /api; resources add their version, e.g. {@code v1/tokens}. */
@ApplicationPath("api")
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Latch",
                        version = "1",
                        description =
                                "Operator token service: opaque tokens, JWTs, join tokens, users,"
                                        + " audit."))
public class RestApplication extends Application {

    /** Jersey (Payara) would otherwise describe every resource to anyone as WADL. */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
