package dev.latch.jwt;

import static dev.latch.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latch.support.Api;
import dev.latch.support.LatchIT;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 7662 introspection and RFC 7009 revocation, for opaque tokens and JWTs alike. */
class IntrospectionIT extends LatchIT {

    private JsonObject introspect(String token) {
        var reply = api().form("api/v1/introspect", admin(), "token", token);
        assertEquals(200, reply.status(), reply.body());
        return reply.json();
    }

    @Test
    void anActiveOperatorTokenIsDescribed() {
        JsonObject issued = api().issue(admin(), Api.unique("intro"), List.of("tokens.read"));
        JsonObject answer = introspect(issued.getString("token"));
        assertTrue(answer.getBoolean("active"));
        assertEquals("operator", answer.getString("token_type"));
        assertEquals(issued.getString("name"), answer.getString("sub"));
        assertEquals("tokens.read", answer.getString("scope"));
        assertEquals(issued.getString("token_id"), answer.getString("jti"));
    }

    @Test
    void anActiveJwtIsDescribedWhateverItsAudience() {
        JsonObject minted = api().mint(admin(), "{\"scope\":\"vault:work:read\"}");
        JsonObject answer = introspect(minted.getString("token"));
        assertTrue(answer.getBoolean("active"));
        assertEquals("jwt", answer.getString("token_type"));
        assertEquals("vault.work", answer.getString("aud"));
        assertEquals("vault:work:read", answer.getString("scope"));
        assertEquals(minted.getString("jti"), answer.getString("jti"));
    }

    @Test
    void unknownRevokedAndGarbageTokensAreInactive() {
        JsonObject issued = api().issue(admin(), Api.unique("gone"), List.of("tokens.read"));
        api().delete("api/v1/tokens/" + issued.getString("token_id"), admin());
        for (String token :
                List.of(issued.getString("token"), "lop_" + "C".repeat(49), "garbage", "a.b.c")) {
            JsonObject answer = introspect(token);
            assertFalse(answer.getBoolean("active"), token);
            assertTrue(answer.isNull("sub"));
        }
    }

    @Test
    void introspectionNeedsTokensReadAndAToken() {
        String auditor =
                api().issue(admin(), Api.unique("aud"), List.of("audit.read")).getString("token");
        assertProblem(
                api().form("api/v1/introspect", auditor, "token", "x"), 403, "permission_denied");
        assertProblem(
                api().form("api/v1/introspect", admin(), "other", "x"), 400, "invalid_argument");
    }

    @Test
    void aCallerRevokesItsOwnTokenOfEitherKind() {
        String own =
                api().issue(admin(), Api.unique("self"), List.of("tokens.read")).getString("token");
        assertEquals(200, api().form("api/v1/revoke", own, "token", own).status());
        assertProblem(api().get("api/v1/whoami", own), 401, "token_revoked");

        String jwt =
                api().mint(admin(), "{\"scope\":\"tokens.read\",\"aud\":\"latch\"}")
                        .getString("token");
        assertEquals(200, api().form("api/v1/revoke", jwt, "token", jwt).status());
        assertProblem(api().get("api/v1/whoami", jwt), 401, "token_revoked");
        assertFalse(introspect(jwt).getBoolean("active"));
    }

    @Test
    void revokingAnothersTokenNeedsTokensManage() {
        String reader =
                api().issue(admin(), Api.unique("rdr"), List.of("tokens.read")).getString("token");
        String victim =
                api().issue(admin(), Api.unique("vic"), List.of("tokens.read")).getString("token");
        assertProblem(
                api().form("api/v1/revoke", reader, "token", victim), 403, "permission_denied");
        assertEquals(200, api().get("api/v1/whoami", victim).status());
        assertEquals(200, api().form("api/v1/revoke", admin(), "token", victim).status());
        assertProblem(api().get("api/v1/whoami", victim), 401, "token_revoked");
    }

    @Test
    void revokingAnUnknownTokenAnswersLikeSuccess() {
        assertEquals(
                200,
                api().form("api/v1/revoke", admin(), "token", "lop_" + "D".repeat(49)).status());
        assertEquals(200, api().form("api/v1/revoke", admin(), "token", "not-a-token").status());
    }
}
