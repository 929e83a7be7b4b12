package dev.latch.jwt.boundary;

import dev.latch.jwt.control.Jwks;
import dev.latch.jwt.control.SigningKeys;
import dev.latch.platform.control.Constraints;
import dev.latch.platform.control.WireJson;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The public, unauthenticated discovery documents: the JWKS and the RFC 8414 server metadata. */
@WebServlet(urlPatterns = {WellKnownServlet.JWKS, WellKnownServlet.METADATA})
public class WellKnownServlet extends HttpServlet {

    static final String JWKS = "/.well-known/jwks.json";
    static final String METADATA = "/.well-known/oauth-authorization-server";

    @Inject SigningKeys keys;

    @Inject
    @ConfigProperty(name = "latch.jwt.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "latch.jwt.jwks-max-age-seconds")
    int maxAge;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Object document;
        try {
            document = JWKS.equals(request.getServletPath()) ? jwks() : metadata();
        } catch (RuntimeException e) {
            if (!Constraints.isUnavailable(e)) {
                throw e;
            }
            // ErrorPages answers it as problem+json with Retry-After, like any other 503
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            return;
        }
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        // short enough that a rotation's pre-published key is always fetched before it signs
        response.setHeader("Cache-Control", "public, max-age=" + maxAge);
        response.getWriter().write(WireJson.JSONB.toJson(document));
    }

    private Map<String, Object> jwks() {
        List<Map<String, String>> published =
                keys.published().stream()
                        .map(
                                k ->
                                        Jwks.jwk(
                                                k.kid(),
                                                k.algorithm(),
                                                keys.publicKey(k.kid()).orElseThrow()))
                        .toList();
        return Map.of("keys", published);
    }

    private Map<String, Object> metadata() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issuer", issuer);
        metadata.put("jwks_uri", issuer + JWKS);
        metadata.put("introspection_endpoint", issuer + "/api/v1/introspect");
        metadata.put("revocation_endpoint", issuer + "/api/v1/revoke");
        metadata.put("response_types_supported", List.of());
        metadata.put("grant_types_supported", List.of());
        metadata.put("introspection_endpoint_auth_methods_supported", List.of("bearer"));
        metadata.put("revocation_endpoint_auth_methods_supported", List.of("bearer"));
        metadata.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS256", "ES256"));
        return metadata;
    }
}
