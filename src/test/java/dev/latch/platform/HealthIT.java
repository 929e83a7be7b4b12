package dev.latch.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.latch.support.LatchIT;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** MicroProfile Health on the management port; readiness asks the database. */
class HealthIT extends LatchIT {

    private static JsonObject health(String which) throws Exception {
        int port = 9990 + Integer.getInteger("latch.test.port.offset", 100);
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/" + which)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    @Test
    void readinessIncludesAWorkingDatabase() throws Exception {
        JsonObject ready = health("ready");
        assertEquals("UP", ready.getString("status"));
        JsonObject database = ready.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("database")).findFirst().orElseThrow();
        assertEquals("UP", database.getString("status"));
    }

    @Test
    void livenessIsUp() throws Exception {
        assertEquals("UP", health("live").getString("status"));
    }
}
