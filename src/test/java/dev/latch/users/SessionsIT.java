package dev.latch.users;

import static dev.latch.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latch.support.Api;
import dev.latch.support.Database;
import dev.latch.support.LatchIT;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Login sessions: sign in, use, sign out, revoke by id, and the throttle. */
public class SessionsIT extends LatchIT {

    public static final String PASSWORD = "correct horse battery";

    /** A user of the given role, made by the bootstrap admin. */
    public static JsonObject user(Api api, String role) {
        String name = Api.unique(role);
        var created =
                api.post(
                        "api/v1/users",
                        admin(),
                        "{\"username\":\""
                                + name
                                + "\",\"password\":\""
                                + PASSWORD
                                + "\",\"role\":\""
                                + role
                                + "\"}");
        assertEquals(201, created.status(), created.body());
        return created.json();
    }

    public static String login(Api api, String username, String password) {
        var reply =
                api.post(
                        "api/v1/auth/login",
                        null,
                        "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        assertEquals(200, reply.status(), reply.body());
        return reply.json().getString("token");
    }

    @Test
    void aUserSignsInAndTheSessionCarriesTheRolesPermissions() {
        JsonObject user = user(api(), "auditor");
        var reply =
                api().post(
                                "api/v1/auth/login",
                                null,
                                "{\"username\":\""
                                        + user.getString("username")
                                        + "\",\"password\":\""
                                        + PASSWORD
                                        + "\"}");
        assertEquals(200, reply.status(), reply.body());
        JsonObject session = reply.json();
        assertEquals("Bearer", session.getString("token_type"));
        assertNotNull(session.getString("session_id"));
        assertTrue(
                Instant.parse(session.getString("expires_at"))
                        .isAfter(Instant.now().plusSeconds(7 * 3600)),
                "8h");
        JsonObject me = api().get("api/v1/whoami", session.getString("token")).json();
        assertEquals(user.getString("username"), me.getString("identity"));
        assertEquals("session", me.getString("kind"));
        assertEquals(session.getString("session_id"), me.getString("token_id"));
        assertEquals(
                List.of("tokens.read", "audit.read", "metrics.read"),
                me.getJsonArray("permissions").getValuesAs(jakarta.json.JsonString::getString));
        assertEquals(200, api().get("api/v1/audit", session.getString("token")).status());
        assertProblem(
                api().post("api/v1/tokens", session.getString("token"), "{\"name\":\"x\"}"),
                403,
                "permission_denied");
    }

    @Test
    void unknownUserAndWrongPasswordFailAlike() {
        JsonObject user = user(api(), "viewer");
        var wrong =
                assertProblem(
                        api().post(
                                        "api/v1/auth/login",
                                        null,
                                        "{\"username\":\""
                                                + user.getString("username")
                                                + "\",\"password\":\"nope nope nope\"}"),
                        401,
                        "unauthenticated");
        var unknown =
                assertProblem(
                        api().post(
                                        "api/v1/auth/login",
                                        null,
                                        "{\"username\":\""
                                                + Api.unique("ghost")
                                                + "\",\"password\":\"nope nope nope\"}"),
                        401,
                        "unauthenticated");
        assertEquals(wrong.string("detail"), unknown.string("detail"));
    }

    @Test
    void logoutRevokesThePresentedTokenOfAnyKind() {
        JsonObject user = user(api(), "viewer");
        String session = login(api(), user.getString("username"), PASSWORD);
        assertEquals(204, api().post("api/v1/auth/logout", session, "").status());
        assertProblem(api().get("api/v1/whoami", session), 401, "token_revoked");

        String operatorToken =
                api().issue(admin(), Api.unique("lo"), List.of("tokens.read")).getString("token");
        assertEquals(204, api().post("api/v1/auth/logout", operatorToken, "").status());
        assertProblem(api().get("api/v1/whoami", operatorToken), 401, "token_revoked");
        assertProblem(api().post("api/v1/auth/logout", null, ""), 401, "unauthenticated");
    }

    @Test
    void anOperatorRevokesItsOwnSessionByIdButNotAnothers() {
        JsonObject alice = user(api(), "operator");
        JsonObject bob = user(api(), "operator");
        String aliceSession = login(api(), alice.getString("username"), PASSWORD);
        String bobSession = login(api(), bob.getString("username"), PASSWORD);
        String bobSessionId = api().get("api/v1/whoami", bobSession).json().getString("token_id");
        String aliceSecond = login(api(), alice.getString("username"), PASSWORD);
        String aliceSecondId = api().get("api/v1/whoami", aliceSecond).json().getString("token_id");

        assertProblem(
                api().delete("api/v1/tokens/" + bobSessionId, aliceSession),
                403,
                "permission_denied");
        assertEquals(200, api().get("api/v1/whoami", bobSession).status());
        var own = api().delete("api/v1/tokens/" + aliceSecondId, aliceSession);
        assertEquals(200, own.status(), own.body());
        assertEquals("session", own.string("kind"));
        assertProblem(api().get("api/v1/whoami", aliceSecond), 401, "token_revoked");
        assertEquals(
                200,
                api().delete("api/v1/tokens/" + bobSessionId, admin()).status(),
                "an admin revokes anyone's");
        assertProblem(api().get("api/v1/whoami", bobSession), 401, "token_revoked");
    }

    @Test
    void repeatedFailuresForOneUserAreThrottled() {
        JsonObject user = user(api(), "viewer");
        String body =
                "{\"username\":\""
                        + user.getString("username")
                        + "\",\"password\":\"wrong password!\"}";
        for (int i = 0; i < 5; i++) {
            assertEquals(401, api().post("api/v1/auth/login", null, body).status());
        }
        var limited =
                assertProblem(api().post("api/v1/auth/login", null, body), 429, "rate_limited");
        assertTrue(Long.parseLong(limited.header("Retry-After")) > 0);
        var right =
                api().post(
                                "api/v1/auth/login",
                                null,
                                "{\"username\":\""
                                        + user.getString("username")
                                        + "\",\"password\":\""
                                        + PASSWORD
                                        + "\"}");
        assertEquals(429, right.status(), "even the right password waits while throttled");
    }

    @Test
    void theThrottleStateIsInTheDatabaseSoEveryNodeSeesIt() throws Exception {
        JsonObject user = user(api(), "viewer");
        String username = user.getString("username");
        // failures written by another node are rows like these
        try (Connection db = Database.connect();
                PreparedStatement insert =
                        db.prepareStatement(
                                "insert into login_failure (username, source_ip, at) values (?, '127.0.0.1', now())")) {
            insert.setString(1, username);
            for (int i = 0; i < 5; i++) {
                insert.executeUpdate();
            }
        }
        assertProblem(
                api().post(
                                "api/v1/auth/login",
                                null,
                                "{\"username\":\""
                                        + username
                                        + "\",\"password\":\""
                                        + PASSWORD
                                        + "\"}"),
                429,
                "rate_limited");
    }

    @Test
    void repeatedFailuresFromOneSourceAreThrottled() throws Exception {
        try (Connection db = Database.connect()) {
            try (PreparedStatement insert =
                    db.prepareStatement(
                            "insert into login_failure (username, source_ip, at)"
                                    + " select 'someone-' || g, '127.0.0.1', now() from generate_series(1, 1000) g")) {
                insert.executeUpdate();
            }
            try {
                assertProblem(
                        api().post(
                                        "api/v1/auth/login",
                                        null,
                                        "{\"username\":\""
                                                + Api.unique("fresh")
                                                + "\",\"password\":\"whatever it is\"}"),
                        429,
                        "rate_limited");
            } finally {
                db.createStatement()
                        .executeUpdate("delete from login_failure where username like 'someone-%'");
            }
        }
    }

    @Test
    void badLoginBodiesAreInvalid() {
        assertProblem(
                api().post("api/v1/auth/login", null, "{\"username\":\"x\"}"),
                400,
                "invalid_argument");
        assertProblem(
                api().post("api/v1/auth/login", null, "{\"username\":5,\"password\":\"x\"}"),
                400,
                "invalid_argument");
    }

    @Test
    void aSuccessfulLoginIsAuditedWithoutThePassword() {
        JsonObject user = user(api(), "viewer");
        var reply =
                api().post(
                                "api/v1/auth/login",
                                null,
                                "{\"username\":\""
                                        + user.getString("username")
                                        + "\",\"password\":\""
                                        + PASSWORD
                                        + "\"}");
        var events = api().get("api/v1/audit?action=auth.login&limit=100", admin());
        JsonObject event =
                events.items().getValuesAs(JsonObject.class).stream()
                        .filter(e -> e.getString("request_id").equals(reply.header("X-Request-Id")))
                        .findFirst()
                        .orElseThrow();
        assertEquals("success", event.getString("outcome"));
        assertFalse(events.body().contains(PASSWORD));
    }
}
