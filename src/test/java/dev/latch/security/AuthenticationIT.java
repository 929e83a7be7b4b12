package dev.latch.security;

import static dev.latch.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latch.support.Api;
import dev.latch.support.LatchIT;
import dev.latch.tokens.control.TokenFormat;
import dev.latch.tokens.entity.TokenKind;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one bearer path: who gets in, who is turned away, and how. */
class AuthenticationIT extends LatchIT {

    @Test
    void whoamiDescribesTheCallersToken() {
        Api api = api();
        JsonObject issued = api.issue(admin(), Api.unique("who"), List.of("tokens.read"));
        JsonObject me = api.get("api/v1/whoami", issued.getString("token")).json();
        assertEquals(issued.getString("name"), me.getString("identity"));
        assertEquals(issued.getString("token_id"), me.getString("token_id"));
        assertEquals("operator", me.getString("kind"));
        assertEquals(
                List.of("tokens.read"),
                me.getJsonArray("permissions").getValuesAs(jakarta.json.JsonString::getString));
        assertFalse(me.getBoolean("allows_privileged"));
        assertEquals(issued.getString("expires_at"), me.getString("expires_at"));
    }

    @Test
    void theBootstrapTokenIsAnAdminWithoutPrivilege() {
        JsonObject me = api().get("api/v1/whoami", admin()).json();
        assertEquals("bootstrap", me.getString("identity"));
        assertEquals(
                List.of("admin"),
                me.getJsonArray("permissions").getValuesAs(jakarta.json.JsonString::getString));
        assertFalse(me.getBoolean("allows_privileged"));
    }

    @Test
    void noAuthorizationHeaderIsUnauthenticated() {
        assertProblem(api().get("api/v1/whoami", null), 401, "unauthenticated");
        assertProblem(api().get("api/v1/tokens", null), 401, "unauthenticated");
    }

    @Test
    void anotherSchemeIsUnauthenticated() {
        Api api = api();
        var reply =
                api.send(
                        api.request("api/v1/whoami", null)
                                .header("Authorization", "Basic YWRtaW46YWRtaW4="));
        assertProblem(reply, 401, "unauthenticated");
    }

    @Test
    void aMalformedTokenIsUnauthenticated() {
        assertProblem(api().get("api/v1/whoami", "not-a-token"), 401, "unauthenticated");
    }

    @Test
    void aTokenWithABrokenChecksumIsUnauthenticated() {
        String token = admin();
        String broken =
                token.substring(0, 10)
                        + (token.charAt(10) == 'a' ? 'b' : 'a')
                        + token.substring(11);
        var reply = assertProblem(api().get("api/v1/whoami", broken), 401, "unauthenticated");
        assertEquals("The bearer token is malformed", reply.string("detail"));
    }

    @Test
    void aWellFormedUnknownTokenIsUnauthenticated() {
        var reply =
                assertProblem(
                        api().get("api/v1/whoami", TokenFormat.generate(TokenKind.OPERATOR)),
                        401,
                        "unauthenticated");
        assertEquals("The bearer token is not known", reply.string("detail"));
    }

    @Test
    void aCallerWithoutThePermissionIsDenied() {
        Api api = api();
        String reader =
                api.issue(admin(), Api.unique("reader"), List.of("tokens.read")).getString("token");
        assertProblem(
                api.post("api/v1/tokens", reader, "{\"name\":\"" + Api.unique("x") + "\"}"),
                403,
                "permission_denied");
        assertProblem(api.get("api/v1/audit", reader), 403, "permission_denied");
    }

    @Test
    void everyAnswerCarriesARequestIdAndAClientsOwnIsKept() {
        Api api = api();
        assertTrue(api.get("api/v1/whoami", null).header("X-Request-Id").length() > 8);
        var reply =
                api.send(api.request("api/v1/whoami", admin()).header("X-Request-Id", "trace-42"));
        assertEquals("trace-42", reply.header("X-Request-Id"));
    }
}
