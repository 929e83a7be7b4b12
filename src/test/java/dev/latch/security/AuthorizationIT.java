package dev.latch.security;

import static dev.latch.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latch.support.Api;
import dev.latch.support.Database;
import dev.latch.support.Hs256Jwts;
import dev.latch.support.LatchIT;
import dev.latch.users.SessionsIT;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The escalations and cross-owner actions of the security review, each closed (issue 11). */
class AuthorizationIT extends LatchIT {

    private String token(List<String> permissions) {
        return api().issue(admin(), Api.unique("authz"), permissions).getString("token");
    }

    private JsonObject serviceUser(String role) {
        var created =
                api().post(
                                "api/v1/service-users",
                                admin(),
                                "{\"name\":\""
                                        + Api.unique("svc")
                                        + "\",\"role\":\""
                                        + role
                                        + "\"}");
        assertEquals(201, created.status(), created.body());
        return created.json();
    }

    private String session(String role) {
        JsonObject user = SessionsIT.user(api(), role);
        return SessionsIT.login(api(), user.getString("username"), SessionsIT.PASSWORD);
    }

    private static String file(String name) throws Exception {
        return Files.readString(Path.of(System.getProperty("latch.test.resources"), name)).strip();
    }

    @Test
    void usersManageCannotRotateAnAdminServiceUsersKeyIntoItsHands() {
        JsonObject adminService = serviceUser("admin");
        assertProblem(
                api().post(
                                "api/v1/service-users/"
                                        + adminService.getString("id")
                                        + "/rotate-key",
                                token(List.of("users.manage")),
                                "{}"),
                403,
                "permission_denied");
        assertEquals(200, api().get("api/v1/whoami", adminService.getString("api_key")).status());
    }

    @Test
    void internalIssuingNeverMintsForLatchsOwnAudience() throws Exception {
        var reply =
                api().send(
                                api().request("api/internal/auth/token", file("internal-key.txt"))
                                        .header("Content-Type", "application/json")
                                        .POST(
                                                HttpRequest.BodyPublishers.ofString(
                                                        "{\"subject\":\"svc\",\"audience\":\"latch\","
                                                                + "\"scope\":\"admin\",\"ttl\":\"1h\"}")));
        assertProblem(reply, 403, "permission_denied");
    }

    @Test
    void aJoinTokenIsNoBearerAndANodeCredentialOnlySaysWhoItIs() {
        String join =
                api().post("api/v1/admin/tokens", session("admin"), "{\"node_id\":\"authz-1\"}")
                        .string("join_token");
        assertProblem(api().get("api/v1/whoami", join), 401, "unauthenticated");
        String node =
                api().post(
                                "api/v1/bootstrap/exchange",
                                null,
                                "{\"join_token\":\"" + join + "\",\"node_id\":\"authz-1\"}")
                        .string("node_token");
        assertEquals("node", api().get("api/v1/whoami", node).string("kind"));
        assertProblem(api().get("api/v1/tokens", node), 403, "permission_denied");
        assertProblem(
                api().get("api/v1/users/" + UUID.randomUUID() + "/tokens", node),
                403,
                "permission_denied");
    }

    @Test
    void anOperatorCannotRevokeTheBootstrapTokenOrAnAdminsSession() {
        String operator = session("operator");
        String bootstrapId = api().get("api/v1/whoami", admin()).string("token_id");
        assertProblem(
                api().delete("api/v1/tokens/" + bootstrapId, operator), 403, "permission_denied");
        assertProblem(
                api().post("api/v1/tokens/revoke", operator, "{\"name\":\"bootstrap\"}"),
                403,
                "permission_denied");
        assertProblem(
                api().form("api/v1/revoke", operator, "token", admin()), 403, "permission_denied");
        String adminSession = session("admin");
        String jti = api().get("api/v1/whoami", adminSession).string("token_id");
        assertProblem(api().delete("api/v1/tokens/" + jti, operator), 403, "permission_denied");
        assertProblem(api().delete("api/v1/jwt/minted/" + jti, operator), 403, "permission_denied");
        assertFalse(
                api().get("api/v1/jwt/minted?limit=500", operator).body().contains(jti),
                "another user's session is not listed to tokens.read");
        assertEquals(200, api().get("api/v1/whoami", adminSession).status());
        assertEquals(200, api().get("api/v1/whoami", admin()).status());
    }

    @Test
    void rotatingATokenOneDoesNotCoverIsRefused() {
        String bootstrapId = api().get("api/v1/whoami", admin()).string("token_id");
        assertProblem(
                api().post(
                                "api/v1/tokens/" + bootstrapId + "/rotate",
                                token(List.of("tokens.manage", "tokens.read")),
                                "{}"),
                403,
                "permission_denied");
    }

    @Test
    void usersManageCannotDisableOrRevokeAllOfAnAdmin() {
        String manager = token(List.of("users.manage"));
        JsonObject adminUser = SessionsIT.user(api(), "admin");
        String id = adminUser.getString("id");
        assertProblem(api().delete("api/v1/users/" + id, manager), 403, "permission_denied");
        assertProblem(
                api().post("api/v1/users/" + id + "/tokens/revoke-all", manager, "{}"),
                403,
                "permission_denied");
        assertProblem(
                api().delete(
                                "api/v1/service-users/" + serviceUser("admin").getString("id"),
                                manager),
                403,
                "permission_denied");
        JsonObject viewer = SessionsIT.user(api(), "viewer");
        String coveringViewers = token(List.of("users.manage", "tokens.read"));
        assertEquals(
                200,
                api().delete("api/v1/users/" + viewer.getString("id"), coveringViewers).status());
    }

    @Test
    void aJwtForLatchAlwaysNamesItsMinterAndNamesCannotImitateLatch() {
        assertProblem(
                api().post(
                                "api/v1/jwt/mint",
                                admin(),
                                "{\"scope\":\"tokens.read\",\"aud\":\"latch\",\"sub\":\"admin\"}"),
                403,
                "permission_denied");
        for (String name :
                List.of("latch", "latch:sweep", "join:x", "internal:bus", "node:web-1")) {
            assertProblem(
                    api().post("api/v1/tokens", admin(), "{\"name\":\"" + name + "\"}"),
                    400,
                    "invalid_argument");
        }
    }

    @Test
    void mintingStaysWithinTheCredentialsMintScopes() {
        String minter =
                api().post(
                                "api/v1/tokens",
                                admin(),
                                "{\"name\":\""
                                        + Api.unique("minter")
                                        + "\",\"permissions\":[\"jwt.mint\",\"tokens.manage\"],"
                                        + "\"mint_scopes\":[\"vault:work:*\"]}")
                        .string("token");
        assertEquals(
                List.of("vault:work:*"),
                api().get("api/v1/whoami", minter)
                        .json()
                        .getJsonArray("mint_scopes")
                        .getValuesAs(JsonString::getString));
        assertEquals(
                200,
                api().post("api/v1/jwt/mint", minter, "{\"scope\":\"vault:work:read\"}").status());
        assertProblem(
                api().post("api/v1/jwt/mint", minter, "{\"scope\":\"vault:prod:admin\"}"),
                403,
                "permission_denied");
        assertProblem(
                api().post(
                                "api/v1/tokens",
                                minter,
                                "{\"name\":\""
                                        + Api.unique("wider")
                                        + "\",\"permissions\":[],\"mint_scopes\":[\"vault:*\"]}"),
                403,
                "permission_denied");
        assertProblem(
                api().post("api/v1/jwt/mint", token(List.of("jwt.mint")), "{\"scope\":\"x:y\"}"),
                403,
                "permission_denied");
    }

    @Test
    void hs256JwtsAreCappedInScopeAndLifetimeAndRevocableByJti() throws Exception {
        String capped = Hs256Jwts.sign(Hs256Jwts.claims("admin tokens.read", 600));
        assertEquals(
                List.of("tokens.read"),
                api().get("api/v1/whoami", capped)
                        .json()
                        .getJsonArray("permissions")
                        .getValuesAs(JsonString::getString));
        assertProblem(
                api().get("api/v1/whoami", Hs256Jwts.sign(Hs256Jwts.claims("tokens.read", 7200))),
                401,
                "unauthenticated");
        assertProblem(
                api().get(
                                "api/v1/whoami",
                                Hs256Jwts.sign(Hs256Jwts.claims("tokens.read", 600).id(null))),
                401,
                "unauthenticated");
        assertEquals(200, api().form("api/v1/revoke", admin(), "token", capped).status());
        assertProblem(api().get("api/v1/whoami", capped), 401, "token_revoked");
    }

    @Test
    void anUnboundJoinTokenCannotTakeOverALiveNode() {
        String admin = session("admin");
        String node = "authz-" + UUID.randomUUID().toString().substring(0, 8);
        String bound =
                api().post("api/v1/admin/tokens", admin, "{\"node_id\":\"" + node + "\"}")
                        .string("join_token");
        String credential =
                api().post(
                                "api/v1/bootstrap/exchange",
                                null,
                                "{\"join_token\":\"" + bound + "\",\"node_id\":\"" + node + "\"}")
                        .string("node_token");
        String unbound = api().post("api/v1/admin/tokens", admin, "{}").string("join_token");
        var refused =
                assertProblem(
                        api().post(
                                        "api/v1/bootstrap/exchange",
                                        null,
                                        "{\"join_token\":\""
                                                + unbound
                                                + "\",\"node_id\":\""
                                                + node
                                                + "\"}"),
                        400,
                        "failed_precondition");
        assertEquals("node_mismatch", refused.string("reason"));
        assertEquals(200, api().get("api/v1/whoami", credential).status());
    }

    @Test
    void aRevokedSigningKeyStopsEveryJwtItSigned() {
        JsonObject minted = api().mint(admin(), "{\"scope\":\"tokens.read\",\"aud\":\"latch\"}");
        String kid = minted.getString("kid");
        String keysAdmin = token(List.of("keys.manage"));
        var revoked = api().post("api/v1/keys/" + kid + "/revoke", keysAdmin, "");
        assertEquals(200, revoked.status(), revoked.body());
        assertEquals("revoked", revoked.string("status"));
        assertProblem(
                api().get("api/v1/whoami", minted.getString("token")), 401, "unauthenticated");
        assertFalse(api().get(".well-known/jwks.json", null).body().contains(kid));
        assertTrue(api().mint(admin(), "{\"scope\":\"x:y\"}").getString("kid").length() > 0);
    }

    @Test
    void aPasswordChangeEndsEverythingTheUserHeldButTheChangingSession() {
        JsonObject user = SessionsIT.user(api(), "operator");
        String first = SessionsIT.login(api(), user.getString("username"), SessionsIT.PASSWORD);
        String second = SessionsIT.login(api(), user.getString("username"), SessionsIT.PASSWORD);
        String issued =
                api().issue(first, Api.unique("derived"), List.of("tokens.read"))
                        .getString("token");
        var changed =
                api().send(
                                api().request("api/v1/users/me/password", second)
                                        .header("Content-Type", "application/json")
                                        .PUT(
                                                HttpRequest.BodyPublishers.ofString(
                                                        "{\"current_password\":\""
                                                                + SessionsIT.PASSWORD
                                                                + "\",\"new_password\":\"another horse battery\"}")));
        assertEquals(204, changed.status(), changed.body());
        assertProblem(api().get("api/v1/whoami", first), 401, "token_revoked");
        assertProblem(api().get("api/v1/whoami", issued), 401, "token_revoked");
        assertEquals(200, api().get("api/v1/whoami", second).status());
    }

    @Test
    void theLastActiveAdminCannotBeDisabled() throws Exception {
        String lastAdmin = SessionsIT.user(api(), "admin").getString("id");
        List<UUID> others = new ArrayList<>();
        try (Connection db = Database.connect()) {
            // for this test only, every other admin is disabled, then restored
            try (PreparedStatement q =
                    db.prepareStatement(
                            "update app_user set disabled_at = now() where role = 'admin' and not service"
                                    + " and disabled_at is null and id <> ? returning id")) {
                q.setObject(1, UUID.fromString(lastAdmin));
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        others.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            try {
                var refused = api().delete("api/v1/users/" + lastAdmin, admin());
                assertEquals(
                        "last_admin",
                        assertProblem(refused, 400, "failed_precondition").string("reason"));
            } finally {
                try (PreparedStatement q =
                        db.prepareStatement(
                                "update app_user set disabled_at = null where id = any(?)")) {
                    q.setArray(1, db.createArrayOf("uuid", others.toArray()));
                    q.executeUpdate();
                }
            }
        }
        assertEquals(
                200,
                api().delete("api/v1/users/" + lastAdmin, admin()).status(),
                "with another admin it may go");
    }

    @Test
    void aLatchJwtWhoseClaimsDifferFromItsRecordIsRefused() throws Exception {
        JsonObject minted = api().mint(admin(), "{\"scope\":\"tokens.read\",\"aud\":\"latch\"}");
        assertEquals(200, api().get("api/v1/whoami", minted.getString("token")).status());
        try (Connection db = Database.connect();
                PreparedStatement q =
                        db.prepareStatement(
                                "update minted_jwt set scope = 'tokens.read audit.read' where jti = ?")) {
            q.setObject(1, UUID.fromString(minted.getString("jti")));
            assertEquals(1, q.executeUpdate());
        }
        // changed in the database as by another node: refused within the propagation bound
        assertRefusedWithin(Duration.ofSeconds(1), minted.getString("token"), "unauthenticated");
    }

    @Test
    void rotatingAMintScopedCredentialNeedsItsMintScopes() {
        String scoped =
                api().post(
                                "api/v1/tokens",
                                admin(),
                                "{\"name\":\""
                                        + Api.unique("scoped")
                                        + "\",\"permissions\":[\"jwt.mint\"],\"mint_scopes\":[\"vault:*\"]}")
                        .string("token_id");
        String operator = session("operator");
        assertProblem(
                api().post("api/v1/tokens/" + scoped + "/rotate", operator, "{}"),
                403,
                "permission_denied");
        assertProblem(api().delete("api/v1/tokens/" + scoped, operator), 403, "permission_denied");
        var service =
                api().post(
                                "api/v1/service-users",
                                admin(),
                                "{\"name\":\""
                                        + Api.unique("svc")
                                        + "\",\"role\":\"operator\",\"mint_scopes\":[\"vault:*\"]}")
                        .json();
        String manager = token(List.of("users.manage", "tokens.read", "tokens.manage", "jwt.mint"));
        assertProblem(
                api().post(
                                "api/v1/service-users/" + service.getString("id") + "/rotate-key",
                                manager,
                                "{}"),
                403,
                "permission_denied");
    }

    @Test
    void anHs256JwtCannotStretchItsLifetimeWithAFutureIat() throws Exception {
        Instant later = Instant.now().plusSeconds(86_400 * 365L);
        String stretched =
                Hs256Jwts.sign(
                        Hs256Jwts.claims("tokens.read", 600)
                                .issuedAt(Date.from(later))
                                .expiration(Date.from(later.plusSeconds(600))));
        assertProblem(api().get("api/v1/whoami", stretched), 401, "unauthenticated");
    }

    @Test
    void aNodeCredentialEndsWithTheUserWhoLetTheNodeIn() {
        JsonObject user = SessionsIT.user(api(), "admin");
        String current = SessionsIT.login(api(), user.getString("username"), SessionsIT.PASSWORD);
        String node = "authz-" + UUID.randomUUID().toString().substring(0, 8);
        String join =
                api().post("api/v1/admin/tokens", current, "{\"node_id\":\"" + node + "\"}")
                        .string("join_token");
        String credential =
                api().post(
                                "api/v1/bootstrap/exchange",
                                null,
                                "{\"join_token\":\"" + join + "\",\"node_id\":\"" + node + "\"}")
                        .string("node_token");
        assertEquals(200, api().get("api/v1/whoami", credential).status());
        assertEquals(
                200,
                api().post(
                                "api/v1/users/" + user.getString("id") + "/tokens/revoke-all",
                                admin(),
                                "{}")
                        .status());
        assertProblem(api().get("api/v1/whoami", credential), 401, "token_revoked");
    }

    @Test
    void onlyASessionOfTheUserChangesItsPassword() {
        JsonObject user = SessionsIT.user(api(), "operator");
        String session = SessionsIT.login(api(), user.getString("username"), SessionsIT.PASSWORD);
        String derived =
                api().issue(session, Api.unique("derived"), List.of("tokens.read"))
                        .getString("token");
        var refused =
                api().send(
                                api().request("api/v1/users/me/password", derived)
                                        .header("Content-Type", "application/json")
                                        .PUT(
                                                HttpRequest.BodyPublishers.ofString(
                                                        "{\"current_password\":\""
                                                                + SessionsIT.PASSWORD
                                                                + "\",\"new_password\":\"taken over now\"}")));
        assertProblem(refused, 403, "permission_denied");
        assertEquals(200, api().get("api/v1/whoami", session).status());
    }

    @Test
    void usersManageDoesNotListTheSessionsOfAUserItDoesNotCover() {
        JsonObject adminUser = SessionsIT.user(api(), "admin");
        SessionsIT.login(api(), adminUser.getString("username"), SessionsIT.PASSWORD);
        assertProblem(
                api().get(
                                "api/v1/users/" + adminUser.getString("id") + "/tokens",
                                token(List.of("users.manage"))),
                403,
                "permission_denied");
    }

    @Test
    void scopesAreRfc6749TokensSoNoReceiverSplitsThemOtherwise() {
        assertProblem(
                api().post(
                                "api/v1/jwt/mint",
                                admin(),
                                "{\"scope\":\"vault:work:read\\u00a0vault:prod:admin\"}"),
                400,
                "invalid_argument");
    }
}
