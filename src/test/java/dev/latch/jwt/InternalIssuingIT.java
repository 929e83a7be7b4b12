package dev.latch.jwt;

import static dev.latch.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latch.support.LatchIT;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * bus remote issuing with the internal shared key (the test server has one configured, see the
 * pom).
 */
class InternalIssuingIT extends LatchIT {

    private static final String BODY =
            "{\"subject\":\"billing-worker\",\"audience\":\"ai.hg.fi/api\","
                    + "\"scope\":\"billing:read billing:entitlement:check\",\"ttl\":\"1h\"}";

    private static String internalKey() throws Exception {
        return Files.readString(
                        Path.of(System.getProperty("latch.test.resources"), "internal-key.txt"))
                .strip();
    }

    private dev.latch.support.Api.Reply issue(String key, String body) {
        var request =
                api().request("api/internal/auth/token", null)
                        .header("Content-Type", "application/json")
                        // each call a source of its own: anonymous refusals are aggregated per
                        // source
                        .header(
                                "X-Forwarded-For",
                                "10.97."
                                        + (int) (Math.random() * 250)
                                        + "."
                                        + (int) (Math.random() * 250))
                        .POST(HttpRequest.BodyPublishers.ofString(body));
        return api().send(key == null ? request : request.header("Authorization", "Bearer " + key));
    }

    @Test
    void theInternalKeyGetsAJwtWithTheRequestedClaims() throws Exception {
        var reply = issue(internalKey(), BODY);
        assertEquals(200, reply.status(), reply.body());
        JsonObject answer = reply.json();
        assertEquals("Bearer", answer.getString("token_type"));
        assertEquals(3600, answer.getInt("expires_in"));
        JsonObject introspected =
                api().form("api/v1/introspect", admin(), "token", answer.getString("access_token"))
                        .json();
        assertTrue(introspected.getBoolean("active"));
        assertEquals("billing-worker", introspected.getString("sub"));
        assertEquals("ai.hg.fi/api", introspected.getString("aud"));
        assertEquals("billing:read billing:entitlement:check", introspected.getString("scope"));
    }

    @Test
    void aWrongOrMissingKeyIsUnauthenticated() throws Exception {
        assertProblem(issue("wrong-key", BODY), 401, "unauthenticated");
        assertProblem(issue(internalKey() + "x", BODY), 401, "unauthenticated");
        assertProblem(issue(null, BODY), 401, "unauthenticated");
    }

    @Test
    void badRequestsAreInvalid() throws Exception {
        assertProblem(
                issue(
                        internalKey(),
                        "{\"subject\":\"w\",\"audience\":\"a\",\"scope\":\"s\",\"ttl\":\"400d\"}"),
                400,
                "invalid_argument");
        assertProblem(issue(internalKey(), "{\"subject\":\"w\"}"), 400, "invalid_argument");
    }

    @Test
    void everyCallIsAuditedWithoutTheKey() throws Exception {
        var refused = issue("wrong-key", BODY);
        var granted = issue(internalKey(), BODY);
        var events = api().get("api/v1/audit?action=jwt.internal_issue&limit=50", admin());
        assertTrue(
                events.items().getValuesAs(JsonObject.class).stream()
                        .anyMatch(
                                e ->
                                        e.getString("request_id")
                                                        .equals(refused.header("X-Request-Id"))
                                                && e.getInt("status") == 401));
        assertTrue(
                events.items().getValuesAs(JsonObject.class).stream()
                        .anyMatch(
                                e ->
                                        e.getString("request_id")
                                                        .equals(granted.header("X-Request-Id"))
                                                && e.getInt("status") == 200));
        assertFalse(events.body().contains(internalKey()));
        assertFalse(events.body().contains("wrong-key"));
    }
}
