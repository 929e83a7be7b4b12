package dev.latch.security;

import static dev.latch.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latch.security.control.TokenFormat;
import dev.latch.security.entity.TokenKind;
import dev.latch.support.Api;
import dev.latch.support.LatchDeployment;
import jakarta.json.JsonObject;
import java.net.URL;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The one bearer path: who gets in, who is turned away, and how. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuthenticationIT {

    @Deployment(testable = false)
    static WebArchive latch() {
        return LatchDeployment.war();
    }

    @ArquillianResource
    URL base;

    @Test
    void whoamiDescribesTheCallersToken() {
        Api api = new Api(base);
        JsonObject issued = api.issue(Api.bootstrapToken(), Api.unique("who"), List.of("tokens.read"));
        JsonObject me = api.get("api/v1/whoami", issued.getString("token")).json();
        assertEquals(issued.getString("name"), me.getString("identity"));
        assertEquals(issued.getString("token_id"), me.getString("token_id"));
        assertEquals("operator", me.getString("kind"));
        assertEquals(List.of("tokens.read"), me.getJsonArray("permissions").getValuesAs(jakarta.json.JsonString::getString));
        assertFalse(me.getBoolean("allows_privileged"));
        assertEquals(issued.getString("expires_at"), me.getString("expires_at"));
    }

    @Test
    void theBootstrapTokenIsAnAdminWithoutPrivilege() {
        JsonObject me = new Api(base).get("api/v1/whoami", Api.bootstrapToken()).json();
        assertEquals("bootstrap", me.getString("identity"));
        assertEquals(List.of("admin"), me.getJsonArray("permissions").getValuesAs(jakarta.json.JsonString::getString));
        assertFalse(me.getBoolean("allows_privileged"));
    }

    @Test
    void noAuthorizationHeaderIsUnauthenticated() {
        assertProblem(new Api(base).get("api/v1/whoami", null), 401, "unauthenticated");
        assertProblem(new Api(base).get("api/v1/tokens", null), 401, "unauthenticated");
    }

    @Test
    void anotherSchemeIsUnauthenticated() {
        Api api = new Api(base);
        var reply = api.send(api.request("api/v1/whoami", null).header("Authorization", "Basic YWRtaW46YWRtaW4="));
        assertProblem(reply, 401, "unauthenticated");
    }

    @Test
    void aMalformedTokenIsUnauthenticated() {
        assertProblem(new Api(base).get("api/v1/whoami", "not-a-token"), 401, "unauthenticated");
    }

    @Test
    void aTokenWithABrokenChecksumIsUnauthenticated() {
        String token = Api.bootstrapToken();
        String broken = token.substring(0, 10) + (token.charAt(10) == 'a' ? 'b' : 'a') + token.substring(11);
        var reply = assertProblem(new Api(base).get("api/v1/whoami", broken), 401, "unauthenticated");
        assertEquals("The bearer token is malformed", reply.string("detail"));
    }

    @Test
    void aWellFormedUnknownTokenIsUnauthenticated() {
        var reply = assertProblem(new Api(base).get("api/v1/whoami", TokenFormat.generate(TokenKind.OPERATOR)), 401,
                "unauthenticated");
        assertEquals("The bearer token is not known", reply.string("detail"));
    }

    @Test
    void aCallerWithoutThePermissionIsDenied() {
        Api api = new Api(base);
        String reader = api.issue(Api.bootstrapToken(), Api.unique("reader"), List.of("tokens.read")).getString("token");
        assertProblem(api.post("api/v1/tokens", reader, "{\"name\":\"" + Api.unique("x") + "\"}"), 403, "permission_denied");
        assertProblem(api.get("api/v1/audit", reader), 403, "permission_denied");
    }

    @Test
    void everyAnswerCarriesARequestIdAndAClientsOwnIsKept() {
        Api api = new Api(base);
        assertTrue(api.get("api/v1/whoami", null).header("X-Request-Id").length() > 8);
        var reply = api.send(api.request("api/v1/whoami", Api.bootstrapToken()).header("X-Request-Id", "trace-42"));
        assertEquals("trace-42", reply.header("X-Request-Id"));
    }
}
