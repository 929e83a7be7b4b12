package dev.latch.platform.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API lives under /api; resources add their version, e.g. {@code v1/tokens}. */
@ApplicationPath("api")
public class RestApplication extends Application {
}
