package dev.latch.users;

import static dev.latch.support.Problems.assertProblem;
import static dev.latch.users.SessionsIT.PASSWORD;
import static dev.latch.users.SessionsIT.login;
import static dev.latch.users.SessionsIT.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latch.support.Api;
import dev.latch.support.Database;
import dev.latch.support.LatchIT;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Users: create, see, disable, passwords; list-user-tokens and revoke-all. */
class UsersIT extends LatchIT {

    @Test
    void theAdminFromLatchAdminPasswordCanSignIn() {
        String session = login(api(), "admin", "test-root-passphrase-1");
        assertEquals(
                List.of("admin"),
                api().get("api/v1/whoami", session)
                        .json()
                        .getJsonArray("permissions")
                        .getValuesAs(jakarta.json.JsonString::getString));
    }

    @Test
    void creatingAUserShowsItWithoutAnyPassword() {
        JsonObject user = user(api(), "operator");
        assertEquals("operator", user.getString("role"));
        assertEquals(
                List.of("tokens.read", "tokens.manage", "jwt.mint"),
                user.getJsonArray("permissions").getValuesAs(jakarta.json.JsonString::getString));
        assertFalse(user.containsKey("password") || user.containsKey("password_hash"));
        var shown = api().get("api/v1/users/" + user.getString("id"), admin());
        assertEquals(user.getString("username"), shown.string("username"));
        assertFalse(shown.body().contains(PASSWORD));
        var listed = api().get("api/v1/users?limit=500", admin());
        assertTrue(
                listed.items().getValuesAs(JsonObject.class).stream()
                        .anyMatch(u -> u.getString("id").equals(user.getString("id"))));
    }

    @Test
    void aCommonPasswordOrOneContainingTheUsernameIsRefused() {
        String name = Api.unique("pol");
        for (String[] refused :
                new String[][] {
                    {"1qaz2wsx3edc", "password is one of the most common passwords"},
                    {"QWERTY123456", "password is one of the most common passwords"},
                    {"my-" + name + "-is-long", "password must not contain the username"},
                    {" password123 ", "password must not start or end with spaces"},
                    {"            x", "password must not start or end with spaces"},
                    {"\u200b".repeat(12), "password must be at least 12 characters"},
                    {"\ud83d\udd11".repeat(6), "password must be at least 12 characters"},
                    {
                        "\uff50\uff41\uff53\uff53\uff57\uff4f\uff52\uff44\uff11\uff12\uff13\uff14",
                        "password is one of the most common passwords"
                    },
                    {
                        "x-" + name.charAt(0) + "\u200b" + name.substring(1) + "-long",
                        "password must not contain the username"
                    }
                }) {
            assertEquals(
                    refused[1],
                    assertProblem(
                                    api().post(
                                                    "api/v1/users",
                                                    admin(),
                                                    "{\"username\":\""
                                                            + name
                                                            + "\",\"password\":\""
                                                            + refused[0]
                                                            + "\",\"role\":\"viewer\"}"),
                                    400,
                                    "invalid_argument")
                            .string("detail"));
        }
    }

    @Test
    void thePasswordPolicyAndDuplicatesAreRefused() {
        String name = Api.unique("pol");
        assertEquals(
                "password must be at least 12 characters",
                assertProblem(
                                api().post(
                                                "api/v1/users",
                                                admin(),
                                                "{\"username\":\""
                                                        + name
                                                        + "\",\"password\":\"short\",\"role\":\"viewer\"}"),
                                400,
                                "invalid_argument")
                        .string("detail"));
        assertEquals(
                "password must not contain the username",
                assertProblem(
                                api().post(
                                                "api/v1/users",
                                                admin(),
                                                "{\"username\":\""
                                                        + name
                                                        + "\",\"password\":\""
                                                        + name.toUpperCase()
                                                        + "\",\"role\":\"viewer\"}"),
                                400,
                                "invalid_argument")
                        .string("detail"));
        assertProblem(
                api().post(
                                "api/v1/users",
                                admin(),
                                "{\"username\":\""
                                        + name
                                        + "\",\"password\":\""
                                        + PASSWORD
                                        + "\",\"role\":\"root\"}"),
                400,
                "invalid_argument");
        assertProblem(
                api().post(
                                "api/v1/users",
                                admin(),
                                "{\"username\":\"Bad Name\",\"password\":\""
                                        + PASSWORD
                                        + "\",\"role\":\"viewer\"}"),
                400,
                "invalid_argument");
        JsonObject user = user(api(), "viewer");
        assertProblem(
                api().post(
                                "api/v1/users",
                                admin(),
                                "{\"username\":\""
                                        + user.getString("username")
                                        + "\",\"password\":\""
                                        + PASSWORD
                                        + "\",\"role\":\"viewer\"}"),
                409,
                "duplicate_identity");
    }

    @Test
    void managingUsersNeedsUsersManageAndCannotGrantMore() {
        JsonObject operator = user(api(), "operator");
        String session = login(api(), operator.getString("username"), PASSWORD);
        assertProblem(
                api().post(
                                "api/v1/users",
                                session,
                                "{\"username\":\""
                                        + Api.unique("x")
                                        + "\",\"password\":\""
                                        + PASSWORD
                                        + "\",\"role\":\"viewer\"}"),
                403,
                "permission_denied");
        assertProblem(api().get("api/v1/users", session), 403, "permission_denied");
        String manager =
                api().issue(admin(), Api.unique("um"), List.of("users.manage", "tokens.read"))
                        .getString("token");
        assertProblem(
                api().post(
                                "api/v1/users",
                                manager,
                                "{\"username\":\""
                                        + Api.unique("x")
                                        + "\",\"password\":\""
                                        + PASSWORD
                                        + "\",\"role\":\"admin\"}"),
                403,
                "permission_denied");
        assertEquals(
                201,
                api().post(
                                "api/v1/users",
                                manager,
                                "{\"username\":\""
                                        + Api.unique("x")
                                        + "\",\"password\":\""
                                        + PASSWORD
                                        + "\",\"role\":\"viewer\"}")
                        .status());
    }

    @Test
    void aUserSeesItselfAndItsTokensButNotOthers() {
        JsonObject alice = user(api(), "operator");
        JsonObject bob = user(api(), "viewer");
        String session = login(api(), alice.getString("username"), PASSWORD);
        assertEquals(200, api().get("api/v1/users/" + alice.getString("id"), session).status());
        assertProblem(
                api().get("api/v1/users/" + bob.getString("id"), session),
                403,
                "permission_denied");
        assertProblem(
                api().get("api/v1/users/" + bob.getString("id") + "/tokens", session),
                403,
                "permission_denied");

        JsonObject issued =
                api().post(
                                "api/v1/tokens",
                                session,
                                "{\"name\":\"" + Api.unique("alice-ci") + "\"}")
                        .json();
        var held = api().get("api/v1/users/" + alice.getString("id") + "/tokens", session);
        assertEquals(200, held.status(), held.body());
        List<String> kinds =
                held.items().getValuesAs(JsonObject.class).stream()
                        .map(t -> t.getString("kind"))
                        .toList();
        assertTrue(kinds.contains("session") && kinds.contains("operator"), kinds.toString());
        assertFalse(held.body().contains(issued.getString("token")));
        assertEquals(
                200,
                api().get("api/v1/users/" + bob.getString("id") + "/tokens", admin()).status());
        assertProblem(api().get("api/v1/users/not-an-id/tokens", admin()), 400, "invalid_argument");
        assertProblem(
                api().get("api/v1/users/00000000-0000-0000-0000-000000000000", admin()),
                404,
                "not_found");
    }

    @Test
    void revokeAllRevokesEverythingTheUserHoldsAndCountsIt() {
        JsonObject user = user(api(), "operator");
        String first = login(api(), user.getString("username"), PASSWORD);
        String second = login(api(), user.getString("username"), PASSWORD);
        String token =
                api().post("api/v1/tokens", first, "{\"name\":\"" + Api.unique("ra") + "\"}")
                        .json()
                        .getString("token");
        var reply =
                api().post(
                                "api/v1/users/" + user.getString("id") + "/tokens/revoke-all",
                                admin(),
                                "");
        assertEquals(200, reply.status(), reply.body());
        assertEquals(3, reply.json().getInt("revoked"));
        for (String credential : List.of(first, second, token)) {
            assertProblem(api().get("api/v1/whoami", credential), 401, "token_revoked");
        }
    }

    @Test
    void disablingAUserRevokesEverythingAndStopsLogins() {
        JsonObject user = user(api(), "operator");
        String session = login(api(), user.getString("username"), PASSWORD);
        String token =
                api().post("api/v1/tokens", session, "{\"name\":\"" + Api.unique("dis") + "\"}")
                        .json()
                        .getString("token");
        var disabled = api().delete("api/v1/users/" + user.getString("id"), admin());
        assertEquals(200, disabled.status(), disabled.body());
        assertTrue(
                disabled.json().containsKey("disabled_at")
                        && !disabled.json().isNull("disabled_at"));
        assertProblem(api().get("api/v1/whoami", session), 401, "token_revoked");
        assertProblem(api().get("api/v1/whoami", token), 401, "token_revoked");
        assertProblem(
                api().post(
                                "api/v1/auth/login",
                                null,
                                "{\"username\":\""
                                        + user.getString("username")
                                        + "\",\"password\":\""
                                        + PASSWORD
                                        + "\"}"),
                401,
                "unauthenticated");
    }

    @Test
    void aUserChangesItsPasswordAndItsOtherSessionsEnd() {
        JsonObject user = user(api(), "viewer");
        String current = login(api(), user.getString("username"), PASSWORD);
        String other = login(api(), user.getString("username"), PASSWORD);
        assertProblem(
                api().send(
                                api().request("api/v1/users/me/password", current)
                                        .header("Content-Type", "application/json")
                                        .PUT(
                                                java.net.http.HttpRequest.BodyPublishers.ofString(
                                                        "{\"current_password\":\"wrong one here\",\"new_password\":\"a brand new passphrase\"}"))),
                403,
                "permission_denied");
        var changed =
                api().send(
                                api().request("api/v1/users/me/password", current)
                                        .header("Content-Type", "application/json")
                                        .PUT(
                                                java.net.http.HttpRequest.BodyPublishers.ofString(
                                                        "{\"current_password\":\""
                                                                + PASSWORD
                                                                + "\",\"new_password\":\"a brand new passphrase\"}")));
        assertEquals(204, changed.status(), changed.body());
        assertEquals(200, api().get("api/v1/whoami", current).status());
        assertProblem(api().get("api/v1/whoami", other), 401, "token_revoked");
        login(api(), user.getString("username"), "a brand new passphrase");
        assertProblem(
                api().post(
                                "api/v1/auth/login",
                                null,
                                "{\"username\":\""
                                        + user.getString("username")
                                        + "\",\"password\":\""
                                        + PASSWORD
                                        + "\"}"),
                401,
                "unauthenticated");
    }

    @Test
    void noPasswordReachesTheDatabaseTheLogOrTheAuditLog() throws Exception {
        JsonObject user = user(api(), "viewer");
        login(api(), user.getString("username"), PASSWORD);
        assertEquals(
                0,
                Database.rowsContaining(
                        List.of("app_user", "audit_event", "token", "minted_jwt", "login_failure"),
                        PASSWORD));
        try (Connection db = Database.connect()) {
            try (PreparedStatement q =
                    db.prepareStatement("select password_hash from app_user where username = ?")) {
                q.setString(1, user.getString("username"));
                ResultSet rs = q.executeQuery();
                rs.next();
                assertTrue(
                        rs.getString(1).startsWith("PBKDF2WithHmacSHA512:210000:"),
                        rs.getString(1));
            }
        }
        String log = Files.readString(Path.of(System.getProperty("latch.test.server.log")));
        assertFalse(log.contains(PASSWORD));
        assertFalse(log.contains("test-root-passphrase-1"));
    }

    @Test
    void aUsersTokensComeInKeysetPagesAcrossSessionsAndTokens() {
        JsonObject user = user(api(), "operator");
        String session = login(api(), user.getString("username"), PASSWORD);
        api().issue(session, Api.unique("paged"), List.of("tokens.read"));
        login(api(), user.getString("username"), PASSWORD);
        String path = "api/v1/users/" + user.getString("id") + "/tokens?limit=2";
        var first = api().get(path, admin());
        assertEquals(2, first.items().size(), first.body());
        var second = api().get(path + "&cursor=" + first.string("next_cursor"), admin());
        assertEquals(1, second.items().size(), second.body());
        assertEquals(null, second.string("next_cursor"));
        assertEquals(
                List.of("session", "operator", "session"),
                java.util.stream.Stream.concat(
                                first.items().getValuesAs(JsonObject.class).stream(),
                                second.items().getValuesAs(JsonObject.class).stream())
                        .map(t -> t.getString("kind"))
                        .toList());
    }
}
