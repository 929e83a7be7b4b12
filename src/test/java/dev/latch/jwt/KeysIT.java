package dev.latch.jwt;

import static dev.latch.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latch.support.Api;
import dev.latch.support.LatchIT;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Signing keys, the JWKS and the RFC 8414 metadata. The test server rotates keys every 40s and
 * publishes the next key 30s ahead (see the pom), so rotation runs during these tests.
 */
class KeysIT extends LatchIT {

    private List<JsonObject> jwks() {
        return api().get(".well-known/jwks.json", null)
                .json()
                .getJsonArray("keys")
                .getValuesAs(JsonObject.class);
    }

    private List<String> publishedKids() {
        return jwks().stream().map(k -> k.getString("kid")).toList();
    }

    private List<JsonObject> keys() {
        var reply = api().get("api/v1/keys", admin());
        assertEquals(200, reply.status(), reply.body());
        return Json.createReader(new StringReader(reply.body()))
                .readArray()
                .getValuesAs(JsonObject.class);
    }

    private static String kidOf(String jwt) {
        String header =
                new String(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))));
        return Json.createReader(new StringReader(header)).readObject().getString("kid");
    }

    @Test
    void theJwksShowsPublicPartsOnlyAndMayBeCached() {
        var reply = api().get(".well-known/jwks.json", null);
        assertEquals(200, reply.status());
        assertTrue(reply.header("Cache-Control").startsWith("public, max-age="));
        List<JsonObject> keys = jwks();
        assertFalse(keys.isEmpty());
        for (JsonObject key : keys) {
            assertEquals("RSA", key.getString("kty"));
            assertEquals("RS256", key.getString("alg"));
            assertEquals("sig", key.getString("use"));
            assertTrue(key.getString("n").length() >= 342, "at least 2048 bits");
            for (String privatePart : List.of("d", "p", "q", "dp", "dq", "qi")) {
                assertFalse(key.containsKey(privatePart), privatePart);
            }
        }
    }

    @Test
    void theMetadataNamesIssuerJwksAndEndpoints() {
        JsonObject metadata = api().get(".well-known/oauth-authorization-server", null).json();
        String issuer = metadata.getString("issuer");
        assertEquals(issuer + "/.well-known/jwks.json", metadata.getString("jwks_uri"));
        assertEquals(issuer + "/api/v1/introspect", metadata.getString("introspection_endpoint"));
        assertEquals(issuer + "/api/v1/revoke", metadata.getString("revocation_endpoint"));
    }

    @Test
    void theActiveKeySignsAndIsPublished() {
        String jwt =
                api().mint(admin(), "{\"scope\":\"tokens.read\",\"aud\":\"latch\"}")
                        .getString("token");
        String kid = kidOf(jwt);
        assertTrue(publishedKids().contains(kid));
        assertTrue(
                keys().stream()
                        .anyMatch(
                                k ->
                                        k.getString("kid").equals(kid)
                                                && k.getString("status").equals("active")));
    }

    @Test
    void rotatingKeepsOldTokensValidAndBothKeysPublished() {
        String before =
                api().mint(admin(), "{\"scope\":\"tokens.read\",\"aud\":\"latch\"}")
                        .getString("token");
        var rotated = api().post("api/v1/keys/rotate", admin(), "");
        assertEquals(201, rotated.status(), rotated.body());
        String fresh = rotated.json().getString("kid");
        assertNotEquals(kidOf(before), fresh);
        assertEquals("active", rotated.json().getString("status"));

        String after =
                api().mint(admin(), "{\"scope\":\"tokens.read\",\"aud\":\"latch\"}")
                        .getString("token");
        assertEquals(fresh, kidOf(after));
        assertEquals(
                200,
                api().get("api/v1/whoami", before).status(),
                "a token of the retired key still works");
        assertEquals(200, api().get("api/v1/whoami", after).status());
        List<String> published = publishedKids();
        assertTrue(
                published.contains(kidOf(before)) && published.contains(fresh),
                published.toString());
    }

    @Test
    void theNextKeyIsPublishedBeforeItSigns() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(45));
        JsonObject pending = null;
        while (pending == null && Instant.now().isBefore(deadline)) {
            pending =
                    keys().stream()
                            .filter(k -> k.getString("status").equals("pending"))
                            .findFirst()
                            .orElse(null);
            if (pending == null) {
                Thread.sleep(1000);
            }
        }
        assertTrue(pending != null, "a pending key appears ahead of rotation");
        assertTrue(Instant.parse(pending.getString("activates_at")).isAfter(Instant.now()));
        assertTrue(
                publishedKids().contains(pending.getString("kid")), "pending keys are in the JWKS");
        String jwt =
                api().mint(admin(), "{\"scope\":\"tokens.read\",\"aud\":\"latch\"}")
                        .getString("token");
        assertNotEquals(pending.getString("kid"), kidOf(jwt), "a pending key does not sign yet");
    }

    @Test
    void keysNeedKeysManage() {
        String reader =
                api().issue(admin(), Api.unique("kr"), List.of("tokens.read", "tokens.manage"))
                        .getString("token");
        assertProblem(api().get("api/v1/keys", reader), 403, "permission_denied");
        assertProblem(api().post("api/v1/keys/rotate", reader, ""), 403, "permission_denied");
    }
}
