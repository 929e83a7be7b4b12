package dev.latch.security;

import static dev.latch.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latch.support.Api;
import dev.latch.support.Database;
import dev.latch.support.Hs256Jwts;
import dev.latch.support.LatchIT;
import dev.latch.users.SessionsIT;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The validation cache: a repeated credential is answered from memory, and a credential ended
 * anywhere (on this node, or in the database as another node would) is refused within a second,
 * also while the notification channel is down.
 */
class ValidationCacheIT extends LatchIT {

    /** The bound this node promises for a change made elsewhere. */
    private static final Duration BOUND = Duration.ofSeconds(1);

    private static final String LISTENER = "latch-credential-changes";

    @Test
    void aTokenRevokedInTheDatabaseIsRefusedWithinASecond() throws SQLException {
        JsonObject issued = api().issue(admin(), Api.unique("cache"), List.of("tokens.read"));
        String token = issued.getString("token");
        assertCached(token);
        update(
                "update token set revoked_at = now(), revoked_by = 'another node' where id = ?",
                UUID.fromString(issued.getString("token_id")));
        assertRefusedWithin(BOUND, token, "token_revoked");
    }

    @Test
    void aMintedJwtRevokedInTheDatabaseIsRefusedWithinASecond() throws SQLException {
        JsonObject minted = api().mint(admin(), "{\"scope\":\"tokens.read\",\"aud\":\"latch\"}");
        String jwt = minted.getString("token");
        assertCached(jwt);
        update(
                "update minted_jwt set revoked_at = now(), revoked_by = 'another node' where jti = ?",
                UUID.fromString(minted.getString("jti")));
        assertRefusedWithin(BOUND, jwt, "token_revoked");
    }

    @Test
    void anHs256JtiRevokedInTheDatabaseIsRefusedWithinASecond() throws SQLException {
        String jti = UUID.randomUUID().toString();
        String jwt = Hs256Jwts.sign(Hs256Jwts.claims("tokens.read", 600).id(jti));
        assertCached(jwt);
        update(
                "insert into revoked_jti (jti, expires_at, revoked_at, revoked_by)"
                        + " values (?, now() + interval '10 minutes', now(), 'another node')",
                jti);
        assertRefusedWithin(BOUND, jwt, "token_revoked");
    }

    /**
     * Another node disables a user as Users.disable does: the user, and every credential it holds,
     * in one transaction.
     */
    @Test
    void aUserDisabledOnAnotherNodeLosesItsCachedCredentialsWithinASecond() throws SQLException {
        Api api = api();
        JsonObject user = SessionsIT.user(api, "operator");
        String session = SessionsIT.login(api, user.getString("username"), SessionsIT.PASSWORD);
        String token =
                api.issue(session, Api.unique("held"), List.of("tokens.read")).getString("token");
        assertCached(session);
        assertCached(token);
        UUID id = UUID.fromString(user.getString("id"));
        try (Connection db = Database.connect()) {
            db.setAutoCommit(false);
            execute(
                    db,
                    "update app_user set disabled_at = now(), disabled_by = 'x' where id = ?",
                    id);
            execute(
                    db,
                    "update token set revoked_at = now(), revoked_by = 'x' where owner_id = ?",
                    id);
            execute(
                    db,
                    "update minted_jwt set revoked_at = now(), revoked_by = 'x' where owner_id = ?",
                    id);
            db.commit();
        }
        assertRefusedWithin(BOUND, session, "token_revoked");
        assertRefusedWithin(BOUND, token, "token_revoked");
    }

    /** A change the triggers do not announce shows what the cache answers from memory. */
    @Test
    void aCachedTokenIsAnsweredFromMemoryUntilAChangeIsAnnounced() throws SQLException {
        JsonObject issued = api().issue(admin(), Api.unique("quiet"), List.of("tokens.read"));
        String token = issued.getString("token");
        assertCached(token);
        revokeUnannounced(UUID.fromString(issued.getString("token_id")));
        assertEquals(200, api().get("api/v1/whoami", token).status(), "served from the cache");
    }

    @Test
    void whileTheChannelIsDownTheCacheIsBypassedAndAfterReconnectionItServesAgain()
            throws Exception {
        JsonObject issued = api().issue(admin(), Api.unique("down"), List.of("tokens.read"));
        String token = issued.getString("token");
        assertCached(token);
        int before = listenerPid().orElseThrow(() -> new AssertionError("no listener backend"));
        try (Connection db = Database.connect();
                PreparedStatement kill = db.prepareStatement("select pg_terminate_backend(?)")) {
            kill.setInt(1, before);
            kill.executeQuery();
        }
        // unannounced, and the channel is gone anyway: only a bypassed (or cleared) cache refuses
        // it
        revokeUnannounced(UUID.fromString(issued.getString("token_id")));
        assertRefusedWithin(BOUND, token, "token_revoked");

        Instant deadline = Instant.now().plusSeconds(15);
        while (listenerPid().filter(pid -> pid.intValue() != before).isEmpty()) {
            assertTrue(Instant.now().isBefore(deadline), "the listener did not reconnect");
            Thread.sleep(50);
        }
        // the backend shows before LISTEN has succeeded: a fresh credential tells when caching is
        // on
        while (true) {
            JsonObject next = api().issue(admin(), Api.unique("back"), List.of("tokens.read"));
            assertCached(next.getString("token"));
            revokeUnannounced(UUID.fromString(next.getString("token_id")));
            if (api().get("api/v1/whoami", next.getString("token")).status() == 200) {
                return;
            }
            assertTrue(Instant.now().isBefore(deadline), "caching did not resume");
            Thread.sleep(100);
        }
    }

    @Test
    void aTokenRevokedOnThisNodeIsRefusedAtOnce() {
        Api api = api();
        for (int i = 0; i < 50; i++) {
            JsonObject issued = api.issue(admin(), Api.unique("now"), List.of("tokens.read"));
            String token = issued.getString("token");
            assertCached(token);
            var revoked = api.delete("api/v1/tokens/" + issued.getString("token_id"), admin());
            assertEquals(200, revoked.status(), revoked.body());
            assertProblem(api.get("api/v1/whoami", token), 401, "token_revoked");
        }
    }

    @Test
    void aJwtRevokedOnThisNodeIsRefusedAtOnce() {
        Api api = api();
        for (int i = 0; i < 50; i++) {
            JsonObject minted = api.mint(admin(), "{\"scope\":\"tokens.read\",\"aud\":\"latch\"}");
            String jwt = minted.getString("token");
            assertCached(jwt);
            var revoked = api.delete("api/v1/jwt/minted/" + minted.getString("jti"), admin());
            assertEquals(200, revoked.status(), revoked.body());
            assertProblem(api.get("api/v1/whoami", jwt), 401, "token_revoked");
        }
    }

    @Test
    void aSessionEndedOnThisNodeIsRefusedAtOnce() {
        Api api = api();
        JsonObject user = SessionsIT.user(api, "viewer");
        for (int i = 0; i < 50; i++) {
            String session = SessionsIT.login(api, user.getString("username"), SessionsIT.PASSWORD);
            assertCached(session);
            assertEquals(204, api.post("api/v1/auth/logout", session, "").status());
            assertProblem(api.get("api/v1/whoami", session), 401, "token_revoked");
        }
    }

    /** Used twice: the second use is the one the cache answers. */
    private void assertCached(String credential) {
        assertEquals(200, api().get("api/v1/whoami", credential).status());
        assertEquals(200, api().get("api/v1/whoami", credential).status());
    }

    /** As a hand in the database with the triggers off would: no node hears of it. */
    private static void revokeUnannounced(UUID tokenId) throws SQLException {
        try (Connection db = Database.connect()) {
            db.setAutoCommit(false);
            // DDL is transactional: the trigger is off for this transaction only
            execute(db, "alter table token disable trigger token_changed");
            execute(
                    db,
                    "update token set revoked_at = now(), revoked_by = 'unannounced' where id = ?",
                    tokenId);
            execute(db, "alter table token enable trigger token_changed");
            db.commit();
        }
    }

    private static Optional<Integer> listenerPid() throws SQLException {
        try (Connection db = Database.connect();
                PreparedStatement q =
                        db.prepareStatement(
                                "select pid from pg_stat_activity where application_name = ?"
                                        + " and datname = current_database()")) {
            q.setString(1, LISTENER);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
            }
        }
    }

    private static void update(String sql, Object parameter) throws SQLException {
        try (Connection db = Database.connect()) {
            execute(db, sql, parameter);
        }
    }

    private static void execute(Connection db, String sql, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.execute();
        }
    }
}
