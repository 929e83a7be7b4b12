package dev.latch.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.latch.support.LatchIT;
import dev.latch.support.TestRuntime;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Operations: MicroProfile Health and the runtime's metrics where the runtime serves them, OpenAPI
 * on the HTTP port.
 */
class OperationsIT extends LatchIT {

    private String management(String path) throws Exception {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(TestRuntime.operations(base, path)).build(),
                                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private JsonObject health(String which) throws Exception {
        return Json.createReader(new StringReader(management("/health/" + which))).readObject();
    }

    @Test
    void metricsAreServedAsPrometheusText() throws Exception {
        // Payara's own /metrics would be on the public port: server-config/payara turns it off
        assumeFalse(TestRuntime.isPayara());
        assertTrue(management("/metrics").contains("# TYPE "));
    }

    @Test
    void openApiDescribesTheContractInSnakeCase() {
        var reply = api().get("openapi", null);
        assertEquals(200, reply.status());
        String document = reply.body();
        assertTrue(
                document.contains("/api/v1/tokens") && document.contains("/api/v1/jwt/mint"),
                "the paths");
        assertTrue(
                document.contains("allows_privileged:") && !document.contains("allowsPrivileged:"),
                "wire names");
    }

    @Test
    void readinessIncludesAWorkingDatabase() throws Exception {
        JsonObject ready = health("ready");
        assertEquals("UP", ready.getString("status"));
        JsonObject database =
                ready.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                        .filter(c -> c.getString("name").equals("database"))
                        .findFirst()
                        .orElseThrow();
        assertEquals("UP", database.getString("status"));
    }

    @Test
    void readinessIncludesAnActiveSigningKey() throws Exception {
        JsonObject check =
                health("ready").getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                        .filter(c -> c.getString("name").equals("signing-key"))
                        .findFirst()
                        .orElseThrow();
        assertEquals("UP", check.getString("status"));
    }

    @Test
    void livenessIsUp() throws Exception {
        assertEquals("UP", health("live").getString("status"));
    }
}
