package dev.latch.platform;

import static dev.latch.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latch.support.Api;
import dev.latch.support.LatchIT;
import dev.latch.users.SessionsIT;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GET /api/v1/metrics: who may read it, and in what format. */
class MetricsIT extends LatchIT {

    /** Holds metrics.read only, as Prometheus's token should. */
    private String scraper() {
        return api().issue(admin(), Api.unique("prometheus"), List.of("metrics.read"))
                .getString("token");
    }

    @Test
    void anonymousCallersAre401AndCallersWithoutMetricsReadAre403() {
        assertProblem(api().get("api/v1/metrics", null), 401, "unauthenticated");
        String reader =
                api().issue(admin(), Api.unique("reader"), List.of("tokens.read"))
                        .getString("token");
        assertProblem(api().get("api/v1/metrics", reader), 403, "permission_denied");
        Api.Reply allowed = api().get("api/v1/metrics", scraper());
        assertEquals(200, allowed.status());
        assertEquals(
                "text/plain;version=0.0.4;charset=utf-8",
                allowed.header("Content-Type").replace(" ", ""),
                "the text format Prometheus reads");
    }

    @Test
    void theOpenApiDocumentDescribesTheEndpointAndItsTextFormat() {
        String document = api().get("openapi", null).body();
        int at = document.indexOf("/api/v1/metrics:");
        assertTrue(at >= 0, "the path");
        assertTrue(
                document.substring(at, at + 200).contains("text/plain; version=0.0.4"),
                document.substring(at, at + 200));
    }

    @Test
    void anAuditorsSessionReadsTheMetrics() {
        String username = SessionsIT.user(api(), "auditor").getString("username");
        String session = SessionsIT.login(api(), username, SessionsIT.PASSWORD);
        assertEquals(200, api().get("api/v1/metrics", session).status());
    }
}
