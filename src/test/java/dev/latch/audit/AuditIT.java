package dev.latch.audit;

import static dev.latch.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latch.support.Api;
import dev.latch.support.Database;
import dev.latch.support.LatchIT;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The audit log: what is written for success, denial and failed authentication, and the chain
 * check.
 */
class AuditIT extends LatchIT {

    /** The newest event recorded for the given request id. */
    private JsonObject eventOf(String requestId) {
        var events =
                api().get("api/v1/audit?limit=500", admin()).items().getValuesAs(JsonObject.class);
        return events.stream()
                .filter(e -> requestId.equals(e.getString("request_id", null)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no audit event for request " + requestId));
    }

    @Test
    void aSuccessfulIssueIsRecordedWithActorTargetAndRequest() {
        String name = Api.unique("audited");
        var reply =
                api().send(
                                api().request("api/v1/tokens", admin())
                                        .header("Content-Type", "application/json")
                                        .header("X-Request-Id", Api.unique("req"))
                                        .POST(
                                                java.net.http.HttpRequest.BodyPublishers.ofString(
                                                        "{\"name\":\"" + name + "\"}")));
        assertEquals(201, reply.status());
        JsonObject event = eventOf(reply.header("X-Request-Id"));
        JsonObject me = api().get("api/v1/whoami", admin()).json();
        assertEquals("token.issue", event.getString("action"));
        assertEquals("success", event.getString("outcome"));
        assertEquals(201, event.getInt("status"));
        assertEquals("bootstrap", event.getString("actor"));
        assertEquals(me.getString("token_id"), event.getString("actor_token_id"));
        assertEquals("token:" + reply.json().getString("token_id"), event.getString("target"));
        assertEquals("latch-it", event.getString("user_agent"));
        assertEquals("127.0.0.1", event.getString("source_ip"));
        assertFalse(
                event.toString().contains(reply.json().getString("token")),
                "the secret is not in the event");
    }

    @Test
    void aFailedCallIsRecordedEvenThoughItsWorkRolledBack() {
        String name = Api.unique("twice");
        api().issue(admin(), name, List.of("tokens.read"));
        var conflict = api().post("api/v1/tokens", admin(), "{\"name\":\"" + name + "\"}");
        assertEquals(409, conflict.status());
        JsonObject event = eventOf(conflict.header("X-Request-Id"));
        assertEquals("token.issue", event.getString("action"));
        assertEquals("failure", event.getString("outcome"));
        assertEquals(409, event.getInt("status"));
        assertEquals("duplicate_identity", event.getString("code"));
    }

    @Test
    void aDeniedCallIsRecorded() {
        String reader =
                api().issue(admin(), Api.unique("reader"), List.of("tokens.read"))
                        .getString("token");
        var denied = api().post("api/v1/tokens", reader, "{\"name\":\"" + Api.unique("x") + "\"}");
        assertEquals(403, denied.status());
        JsonObject event = eventOf(denied.header("X-Request-Id"));
        assertEquals("token.issue", event.getString("action"));
        assertEquals("denied", event.getString("outcome"));
        assertEquals("permission_denied", event.getString("code"));
        assertTrue(event.getString("actor").startsWith("reader-"));
    }

    @Test
    void aFailedAuthenticationIsRecordedWithoutTheCredential() {
        String forged = "lop_" + "A".repeat(49);
        var refused = from(freshSource(), "api/v1/tokens", forged);
        assertEquals(401, refused.status());
        JsonObject event = eventOf(refused.header("X-Request-Id"));
        assertEquals("auth.failed", event.getString("action"));
        assertEquals("failure", event.getString("outcome"));
        assertEquals(401, event.getInt("status"));
        assertEquals("unauthenticated", event.getString("code"));
        assertEquals("/api/v1/tokens", event.getString("target"));
        assertFalse(event.toString().contains(forged));

        var anonymous = from(freshSource(), "api/v1/tokens", null);
        assertEquals("auth.failed", eventOf(anonymous.header("X-Request-Id")).getString("action"));
    }

    @Test
    void revokeAndRotateAreRecordedWithTheirOwnActions() {
        JsonObject issued = api().issue(admin(), Api.unique("life"), List.of("tokens.read"));
        String id = issued.getString("token_id");
        var rotate = api().post("api/v1/tokens/" + id + "/rotate", admin(), "{\"grace\":\"1m\"}");
        assertEquals("token.rotate", eventOf(rotate.header("X-Request-Id")).getString("action"));
        var revoke = api().delete("api/v1/tokens/" + rotate.json().getString("token_id"), admin());
        assertEquals("token.revoke", eventOf(revoke.header("X-Request-Id")).getString("action"));
        var purge = api().delete("api/v1/tokens/" + id + "?purge=true", admin());
        JsonObject purged = eventOf(purge.header("X-Request-Id"));
        assertEquals("token.purge", purged.getString("action"));
        assertEquals("token:" + id, purged.getString("target"));
    }

    @Test
    void theLogFiltersAndPages() {
        var issues = api().get("api/v1/audit?action=token.issue&outcome=success&limit=3", admin());
        assertEquals(200, issues.status(), issues.body());
        assertTrue(issues.items().size() <= 3);
        issues.items()
                .getValuesAs(JsonObject.class)
                .forEach(e -> assertEquals("token.issue", e.getString("action")));
        String cursor = issues.json().getString("next_cursor", null);
        if (cursor != null) {
            var next =
                    api().get("api/v1/audit?action=token.issue&limit=3&cursor=" + cursor, admin());
            long lastOfFirst =
                    issues.items()
                            .getJsonObject(issues.items().size() - 1)
                            .getJsonNumber("id")
                            .longValue();
            assertTrue(next.items().getJsonObject(0).getJsonNumber("id").longValue() < lastOfFirst);
        }
        var since =
                api().get(
                                "api/v1/audit?since=2000-01-01T00:00:00Z&until=2000-01-02T00:00:00Z",
                                admin());
        assertEquals(0, since.items().size());
        assertProblem(api().get("api/v1/audit?since=yesterday", admin()), 400, "invalid_argument");
        assertProblem(api().get("api/v1/audit?outcome=maybe", admin()), 400, "invalid_argument");
    }

    @Test
    void readingTheLogNeedsAuditRead() {
        String manager =
                api().issue(admin(), Api.unique("mgr"), List.of("tokens.read", "tokens.manage"))
                        .getString("token");
        assertProblem(api().get("api/v1/audit", manager), 403, "permission_denied");
        assertProblem(api().get("api/v1/audit/verify", manager), 403, "permission_denied");
        String auditor =
                api().issue(admin(), Api.unique("aud"), List.of("audit.read")).getString("token");
        assertEquals(200, api().get("api/v1/audit", auditor).status());
    }

    @Test
    void verifyFindsARowEditedInTheDatabase() throws Exception {
        api().issue(admin(), Api.unique("chain"), List.of("tokens.read"));
        JsonObject before = api().get("api/v1/audit/verify", admin()).json();
        assertTrue(before.getBoolean("ok"), before.toString());
        assertTrue(before.getInt("checked") > 0);

        long victim =
                api().get("api/v1/audit?action=token.issue&limit=1", admin())
                        .items()
                        .getJsonObject(0)
                        .getJsonNumber("id")
                        .longValue();
        try (Connection db = Database.connect()) {
            String original = editActor(db, victim, "mallory");
            try {
                JsonObject after = api().get("api/v1/audit/verify", admin()).json();
                assertFalse(after.getBoolean("ok"));
                assertEquals(victim, after.getJsonNumber("first_bad_id").longValue());
            } finally {
                editActor(db, victim, original);
            }
        }
        assertTrue(api().get("api/v1/audit/verify", admin()).json().getBoolean("ok"));
    }

    @Test
    void theDatabaseRefusesToUpdateOrDeleteAnEvent() throws Exception {
        try (Connection db = Database.connect();
                Statement sql = db.createStatement()) {
            var update =
                    org.junit.jupiter.api.Assertions.assertThrows(
                            java.sql.SQLException.class,
                            () -> sql.executeUpdate("update audit_event set actor = 'mallory'"));
            assertTrue(update.getMessage().contains("append-only"));
            org.junit.jupiter.api.Assertions.assertThrows(
                    java.sql.SQLException.class,
                    () -> sql.executeUpdate("delete from audit_event"));
        }
    }

    @Test
    void theDatabaseRefusesToTruncateTheLog() throws Exception {
        try (Connection db = Database.connect();
                Statement sql = db.createStatement()) {
            var truncate =
                    org.junit.jupiter.api.Assertions.assertThrows(
                            java.sql.SQLException.class, () -> sql.execute("truncate audit_event"));
            assertTrue(truncate.getMessage().contains("append-only"), truncate.getMessage());
        }
        assertTrue(api().get("api/v1/audit/verify", admin()).json().getBoolean("ok"));
    }

    /** Plays an attacker with the table owner's rights: the trigger is lifted for the edit. */
    private static String editActor(Connection db, long id, String actor) throws Exception {
        String previous;
        try (PreparedStatement read =
                db.prepareStatement("select actor from audit_event where id = ?")) {
            read.setLong(1, id);
            var rows = read.executeQuery();
            rows.next();
            previous = rows.getString(1);
        }
        try (Statement sql = db.createStatement();
                PreparedStatement edit =
                        db.prepareStatement("update audit_event set actor = ? where id = ?")) {
            sql.execute("alter table audit_event disable trigger audit_event_no_update_or_delete");
            edit.setString(1, actor);
            edit.setLong(2, id);
            assertEquals(1, edit.executeUpdate());
            sql.execute("alter table audit_event enable trigger audit_event_no_update_or_delete");
        }
        return previous;
    }

    @Test
    void aTailCutBehindAKeptCheckpointIsFound() throws Exception {
        api().issue(admin(), Api.unique("tail"), List.of("tokens.read"));
        JsonObject before = api().get("api/v1/audit/verify", admin()).json();
        String checkpoint = before.getString("checkpoint");
        long head =
                Long.parseLong(
                        new String(
                                        java.util.Base64.getUrlDecoder()
                                                .decode(checkpoint.split("\\.")[0]))
                                .split("\\.")[1]);
        assertTrue(
                api().get("api/v1/audit/verify?checkpoint=" + checkpoint, admin())
                        .json()
                        .getBoolean("checkpoint_ok"));
        try (Connection db = Database.connect();
                Statement sql = db.createStatement()) {
            // nothing joins the chain meanwhile (AdvisoryLock.AUDIT_CHAIN), so the cut can be
            // undone
            sql.execute("select pg_advisory_lock(" + 0x4C41_0001L + ")");
            try {
                // a database superuser lifts the guard and cuts the last events, the kept head
                // included
                sql.execute(
                        "create temp table cut as select * from audit_event where id >= "
                                + (head - 1));
                sql.execute(
                        "alter table audit_event disable trigger audit_event_no_update_or_delete");
                assertTrue(
                        sql.executeUpdate("delete from audit_event where id >= " + (head - 1))
                                >= 2);
                sql.execute(
                        "alter table audit_event enable trigger audit_event_no_update_or_delete");
                JsonObject after =
                        api().get("api/v1/audit/verify?checkpoint=" + checkpoint, admin()).json();
                assertFalse(after.getBoolean("checkpoint_ok"), after.toString());
                assertFalse(after.getBoolean("ok"));
            } finally {
                // the suite's later tests, and the published checkpoints, find the log whole again
                // put back as they were, not queued again: their seals are still there
                sql.execute("alter table audit_event disable trigger user");
                sql.execute("insert into audit_event select * from cut on conflict do nothing");
                sql.execute("alter table audit_event enable trigger user");
                sql.execute("select pg_advisory_unlock(" + 0x4C41_0001L + ")");
            }
        }
        assertTrue(api().get("api/v1/audit/verify", admin()).json().getBoolean("ok"));
        assertProblem(
                api().get("api/v1/audit/verify?checkpoint=AAAA.BBBB", admin()),
                400,
                "invalid_argument");
    }

    private List<JsonObject> eventsFrom(String source) {
        return api()
                .get("api/v1/audit?limit=500", admin())
                .items()
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(e -> source.equals(e.getString("source_ip", null)))
                .toList();
    }

    /** The count of a source's aggregated refusals, written when its interval ends (3 s here). */
    private JsonObject awaitRepeated(String source) throws InterruptedException {
        for (int waited = 0; waited < 20; waited++) {
            Thread.sleep(500);
            var repeated =
                    eventsFrom(source).stream()
                            .filter(e -> e.getString("action").endsWith("_repeated"))
                            .findFirst();
            if (repeated.isPresent()) {
                return repeated.get();
            }
        }
        return null;
    }

    /** A source address no other request used: its first refusal is always written. */
    private static String freshSource() {
        return "10.77." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250);
    }

    private Api.Reply from(String source, String path, String token) {
        return api().send(api().request(path, token).header("X-Forwarded-For", source).GET());
    }

    @Test
    void aFloodOfRefusalsFromOneSourceIsWrittenOnceAndThenCounted() throws Exception {
        String source = freshSource();
        for (int i = 0; i < 20; i++) {
            assertEquals(401, from(source, "api/v1/tokens", "lop_" + "B".repeat(49)).status());
        }
        assertEquals(
                1,
                eventsFrom(source).stream()
                        .filter(e -> e.getString("action").equals("auth.failed"))
                        .count());
        JsonObject repeated = awaitRepeated(source);
        assertTrue(repeated != null, "the count is written when the interval ends");
        assertTrue(
                repeated.getString("detail").startsWith("19 more refusals"), repeated.toString());
    }

    @Test
    void anonymousRefusalsOfAnAuditedCallAreAggregatedToo() throws Exception {
        String source = freshSource();
        for (int i = 0; i < 8; i++) {
            var login =
                    api().send(
                                    api().request("api/v1/auth/login", null)
                                            .header("Content-Type", "application/json")
                                            .header("X-Forwarded-For", source)
                                            .POST(
                                                    java.net.http.HttpRequest.BodyPublishers
                                                            .ofString(
                                                                    "{\"username\":\"nobody-here\",\"password\":\"wrong wrong wrong\"}")));
            assertTrue(login.status() == 401 || login.status() == 429, login.body());
        }
        JsonObject repeated = awaitRepeated(source);
        assertTrue(repeated != null, "the refusals after the first are counted");
        assertTrue(
                eventsFrom(source).size() <= 4, "a few events, not eight: " + eventsFrom(source));
    }

    @Test
    void revokingAnUnknownTokenSaysNothingWasRevoked() {
        var revoked = api().form("api/v1/revoke", admin(), "token", "not-a-token-at-all");
        assertEquals(200, revoked.status());
        JsonObject event = eventOf(revoked.header("X-Request-Id"));
        assertEquals(
                "unknown, invalid or expired token: nothing revoked", event.getString("detail"));
    }
}
