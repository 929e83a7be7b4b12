package dev.latch.platform.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * The REST API lives under /api; resources add their version, e.g. {@code v1/tokens}. MP-JWT is
 * declared so the server provides its JWT parser; the bearer mechanism decides who gets in.
 */
@ApplicationPath("api")
@LoginConfig(authMethod = "MP-JWT", realmName = "latch")
public class RestApplication extends Application {}
