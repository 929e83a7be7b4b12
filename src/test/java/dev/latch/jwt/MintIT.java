package dev.latch.jwt;

import static dev.latch.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latch.support.Api;
import dev.latch.support.LatchIT;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** parachute {@code auth mint-token} over HTTP: the rules, the record, the revocation. */
class MintIT extends LatchIT {

    private static JsonObject claims(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        return Json.createReader(new StringReader(payload)).readObject();
    }

    private JsonObject mint(String body) {
        return api().mint(admin(), body);
    }

    @Test
    void scopeOnlyMintInfersTheAudienceAndCarriesTheScopeVerbatim() {
        JsonObject minted = mint("{\"scope\":\"scribe:transcribe\"}");
        assertEquals("scribe", minted.getString("aud"));
        assertEquals("Bearer", minted.getString("token_type"));
        JsonObject claims = claims(minted.getString("token"));
        assertEquals("scribe", claims.getString("aud"));
        assertEquals("scribe:transcribe", claims.getString("scope"));
        assertEquals("bootstrap", claims.getString("sub"), "sub defaults to the caller's identity");
        assertEquals(minted.getString("jti"), claims.getString("jti"));
    }

    @Test
    void aNamedVaultScopeGivesTheVaultAudience() {
        assertEquals("vault.work", mint("{\"scope\":\"vault:work:read\"}").getString("aud"));
    }

    @Test
    void withoutANamespaceTheAudienceIsHub() {
        assertEquals("hub", mint("{\"scope\":\"plain\"}").getString("aud"));
    }

    @Test
    void anAudOverrideBeatsInference() {
        assertEquals(
                "custom-resource",
                mint("{\"scope\":\"vault:work:read\",\"aud\":\"custom-resource\"}")
                        .getString("aud"));
    }

    @Test
    void multipleScopesAreCarriedVerbatim() {
        JsonObject minted = mint("{\"scope\":\"vault:work:read scribe:transcribe\"}");
        assertEquals(
                "vault:work:read scribe:transcribe",
                claims(minted.getString("token")).getString("scope"));
        assertEquals("vault.work", minted.getString("aud"));
    }

    @Test
    void aSubOverrideIsTheSubject() {
        JsonObject minted =
                mint("{\"scope\":\"scribe:transcribe\",\"sub\":\"agent:scribe-runner\"}");
        assertEquals("agent:scribe-runner", claims(minted.getString("token")).getString("sub"));
    }

    @Test
    void theTtlDefaultsTo90DaysAndIsHonoured() {
        JsonObject claims = claims(mint("{\"scope\":\"x:y\"}").getString("token"));
        assertEquals(
                Duration.ofDays(90).toSeconds(),
                claims.getJsonNumber("exp").longValue() - claims.getJsonNumber("iat").longValue());
        JsonObject hour = claims(mint("{\"scope\":\"x:y\",\"ttl\":\"1h\"}").getString("token"));
        assertEquals(
                3600,
                hour.getJsonNumber("exp").longValue() - hour.getJsonNumber("iat").longValue());
        assertEquals(
                200,
                api().post("api/v1/jwt/mint", admin(), "{\"scope\":\"x:y\",\"ttl\":\"365d\"}")
                        .status());
    }

    @Test
    void badTtlsAndAMissingScopeAreRefusedWithParachutesMessages() {
        assertEquals(
                "invalid ttl \"0s\" — must be > 0",
                assertProblem(
                                api().post(
                                                "api/v1/jwt/mint",
                                                admin(),
                                                "{\"scope\":\"x:y\",\"ttl\":\"0s\"}"),
                                400,
                                "invalid_argument")
                        .string("detail"));
        assertEquals(
                "ttl \"366d\" exceeds 365d cap",
                assertProblem(
                                api().post(
                                                "api/v1/jwt/mint",
                                                admin(),
                                                "{\"scope\":\"x:y\",\"ttl\":\"366d\"}"),
                                400,
                                "invalid_argument")
                        .string("detail"));
        assertEquals(
                "invalid ttl \"1week\" — expected e.g. 90d, 24h, 30m, 60s",
                assertProblem(
                                api().post(
                                                "api/v1/jwt/mint",
                                                admin(),
                                                "{\"scope\":\"x:y\",\"ttl\":\"1week\"}"),
                                400,
                                "invalid_argument")
                        .string("detail"));
        assertProblem(api().post("api/v1/jwt/mint", admin(), "{}"), 400, "invalid_argument");
        assertEquals(
                "scope is required",
                assertProblem(
                                api().post("api/v1/jwt/mint", admin(), "{\"scope\":\"  \"}"),
                                400,
                                "invalid_argument")
                        .string("detail"));
    }

    @Test
    void textPlainIsTheTokenAndOneNewlineOnly() {
        var reply =
                api().send(
                                api().request("api/v1/jwt/mint", admin())
                                        .header("Content-Type", "application/json")
                                        .header("Accept", "text/plain")
                                        .POST(
                                                HttpRequest.BodyPublishers.ofString(
                                                        "{\"scope\":\"scribe:transcribe\"}")));
        assertEquals(200, reply.status(), reply.body());
        String body = reply.body();
        assertTrue(body.endsWith("\n"));
        String token = body.substring(0, body.length() - 1);
        assertEquals(3, token.split("\\.").length);
        assertTrue(token.matches("[A-Za-z0-9_.-]+"), "nothing but the token");
    }

    @Test
    void mintingNeedsJwtMint() {
        String reader =
                api().issue(admin(), Api.unique("nm"), List.of("tokens.read")).getString("token");
        assertProblem(
                api().post("api/v1/jwt/mint", reader, "{\"scope\":\"x:y\"}"),
                403,
                "permission_denied");
    }

    @Test
    void aJwtForLatchCarriesNoMoreThanItsMinterHolds() {
        String minter =
                api().issue(admin(), Api.unique("minter"), List.of("jwt.mint", "tokens.read"))
                        .getString("token");
        assertProblem(
                api().post(
                                "api/v1/jwt/mint",
                                minter,
                                "{\"scope\":\"audit.read\",\"aud\":\"latch\"}"),
                403,
                "permission_denied");
        var ok =
                api().post(
                                "api/v1/jwt/mint",
                                minter,
                                "{\"scope\":\"tokens.read\",\"aud\":\"latch\"}");
        assertEquals(200, ok.status(), ok.body());
        assertEquals(200, api().get("api/v1/tokens", ok.json().getString("token")).status());
        assertProblem(
                api().get("api/v1/audit", ok.json().getString("token")), 403, "permission_denied");
    }

    @Test
    void mintedTokensAreListedWithoutTheTokenAndRevocable() {
        JsonObject minted = mint("{\"scope\":\"tokens.read\",\"aud\":\"latch\"}");
        String jwt = minted.getString("token");
        assertEquals(200, api().get("api/v1/whoami", jwt).status());

        var list = api().get("api/v1/jwt/minted?limit=500", admin());
        JsonObject record =
                list.items().getValuesAs(JsonObject.class).stream()
                        .filter(r -> r.getString("jti").equals(minted.getString("jti")))
                        .findFirst()
                        .orElseThrow();
        assertEquals("bootstrap", record.getString("minted_by"));
        assertEquals("latch", record.getString("aud"));
        assertEquals("active", record.getString("status"));
        assertTrue(!list.body().contains(jwt.split("\\.")[2]), "the list never shows a token");

        var revoked = api().delete("api/v1/jwt/minted/" + minted.getString("jti"), admin());
        assertEquals(200, revoked.status(), revoked.body());
        assertEquals("revoked", revoked.string("status"));
        assertProblem(api().get("api/v1/whoami", jwt), 401, "token_revoked");
        assertProblem(
                api().delete("api/v1/jwt/minted/00000000-0000-0000-0000-000000000000", admin()),
                404,
                "not_found");
        assertProblem(api().delete("api/v1/jwt/minted/nope", admin()), 400, "invalid_argument");
    }

    @Test
    void anExpiredJwtIsRefusedAsExpired() throws Exception {
        String jwt =
                mint("{\"scope\":\"tokens.read\",\"aud\":\"latch\",\"ttl\":\"1s\"}")
                        .getString("token");
        Instant exp = Instant.ofEpochSecond(claims(jwt).getJsonNumber("exp").longValue());
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), exp).toMillis()) + 1200);
        assertProblem(api().get("api/v1/whoami", jwt), 401, "token_expired");
    }
}
