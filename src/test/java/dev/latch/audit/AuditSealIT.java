package dev.latch.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latch.audit.control.AuditChain;
import dev.latch.audit.entity.AuditEvent;
import dev.latch.support.Api;
import dev.latch.support.Database;
import dev.latch.support.LatchIT;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Events are written without any lock shared across requests and sealed into the chain afterwards,
 * one node at a time; an event Latch did not write never gets a seal, and verify names it.
 */
class AuditSealIT extends LatchIT {

    /** AdvisoryLock.AUDIT_CHAIN: the sealer's; while the test holds it nothing is sealed. */
    private static final long CHAIN_LOCK = 0x4C41_0001L;

    @Test
    void writesDoNotWaitForTheChainAndTheSealerCatchesUp() throws Exception {
        try (Connection db = Database.connect();
                Statement sql = db.createStatement()) {
            sql.execute("select pg_advisory_lock(" + CHAIN_LOCK + ")");
            try {
                // before the sealer, every audited write took this lock: these would hang
                for (int i = 0; i < 5; i++) {
                    api().issue(admin(), Api.unique("unsealed"), List.of("tokens.read"));
                }
                JsonObject waiting = verify();
                assertTrue(waiting.getBoolean("ok"), waiting.toString());
                assertTrue(waiting.getJsonNumber("unsealed").longValue() >= 5, waiting.toString());
            } finally {
                sql.execute("select pg_advisory_unlock(" + CHAIN_LOCK + ")");
            }
        }
        JsonObject sealed = awaitVerify(v -> v.getJsonNumber("unsealed").longValue() == 0);
        assertTrue(sealed.getBoolean("ok"), sealed.toString());
    }

    @Test
    void anEventWithoutLatchsMacIsNeverSealedAndVerifyNamesIt() throws Exception {
        long forged;
        try (Connection app = Database.connectAsApplication();
                Statement sql = app.createStatement();
                ResultSet rs =
                        sql.executeQuery(
                                "insert into audit_event (id, at, actor, action, outcome, status,"
                                        + " hash) values (nextval('audit_event_seq'), now(),"
                                        + " 'mallory', 'token.issue', 'success', 201,"
                                        + " md5(random()::text) || md5(random()::text))"
                                        + " returning id")) {
            rs.next();
            forged = rs.getLong(1);
        }
        try {
            assertNeverSealedAndNamed(forged, "was not written by Latch");
        } finally {
            remove(forged);
        }
        assertTrue(verify().getBoolean("ok"));
    }

    @Test
    void anOldEventPutBackIntoTheTableIsNotSealedEvenWithItsMac() throws Exception {
        // as if an archived event, MAC and all, were inserted again: it is queued long after its
        // time
        long id = Database.number("select nextval('audit_event_seq')");
        AuditEvent old =
                new AuditEvent(
                        id,
                        Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MICROS),
                        "admin",
                        null,
                        "user.delete",
                        "user:someone",
                        "success",
                        204,
                        null,
                        null,
                        null,
                        null,
                        null);
        old.authenticate(AuditChain.mac(old, Database.auditChainKey()));
        try (Connection app = Database.connectAsApplication();
                PreparedStatement insert =
                        app.prepareStatement(
                                "insert into audit_event (id, at, actor, action, target, outcome,"
                                        + " status, hash) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, id);
            insert.setObject(2, old.at().atOffset(ZoneOffset.UTC));
            insert.setString(3, old.actor());
            insert.setString(4, old.action());
            insert.setString(5, old.target());
            insert.setString(6, old.outcome());
            insert.setInt(7, old.status());
            insert.setString(8, old.hash());
            insert.executeUpdate();
        }
        try {
            assertNeverSealedAndNamed(id, "long after its time");
        } finally {
            remove(id);
        }
        assertTrue(verify().getBoolean("ok"));
    }

    @Test
    void anEventTakenOffTheSealersQueueIsFound() throws Exception {
        long taken;
        try (Connection db = Database.connect();
                Statement sql = db.createStatement()) {
            sql.execute("select pg_advisory_lock(" + CHAIN_LOCK + ")");
            try {
                api().issue(admin(), Api.unique("dequeued"), List.of("tokens.read"));
                taken = newestEventId();
                try (Connection app = Database.connectAsApplication();
                        Statement appSql = app.createStatement()) {
                    assertEquals(
                            1,
                            appSql.executeUpdate(
                                    "delete from audit_unsealed where event_id = " + taken));
                }
            } finally {
                sql.execute("select pg_advisory_unlock(" + CHAIN_LOCK + ")");
            }
            JsonObject found = verify();
            assertFalse(found.getBoolean("ok"), found.toString());
            assertTrue(
                    found.getString("problem").contains("neither sealed nor waiting"),
                    found.toString());
            assertEquals(taken, found.getJsonNumber("first_bad_id").longValue());
            // queued again, it is sealed like any other
            sql.execute("insert into audit_unsealed (event_id) values (" + taken + ")");
        }
        JsonObject sealed = awaitVerify(v -> v.getJsonNumber("unsealed").longValue() == 0);
        assertTrue(sealed.getBoolean("ok"), sealed.toString());
    }

    @Test
    void theApplicationRoleCanNeitherSealOutsideTheChainNorQueueAnEvent() throws Exception {
        long next = Database.number("select last_value + 1 from audit_event_seq");
        try (Connection app = Database.connectAsApplication();
                Statement sql = app.createStatement()) {
            // a seal at position 0 or below would hide its event from verify's walk
            SQLException outside =
                    assertThrows(
                            SQLException.class,
                            () ->
                                    sql.execute(
                                            "insert into audit_seal values (0, "
                                                    + next
                                                    + ", repeat('0', 64), repeat('b', 64))"));
            assertEquals("23514", outside.getSQLState(), outside.toString());
            // a queue entry put in ahead of an event would make its request fail, or choose
            // the time that decides whether it is sealed
            SQLException queued =
                    assertThrows(
                            SQLException.class,
                            () ->
                                    sql.execute(
                                            "insert into audit_unsealed (event_id) values ("
                                                    + next
                                                    + ")"));
            assertEquals("42501", queued.getSQLState(), queued.toString());
        }
        assertEquals(
                201,
                api().post("api/v1/tokens", admin(), "{\"name\":\"" + Api.unique("queued") + "\"}")
                        .status());
    }

    @Test
    void anEventWaitingForItsSealPastTheDeadlineFailsVerify() throws Exception {
        long waiting;
        try (Connection db = Database.connect();
                Statement sql = db.createStatement()) {
            sql.execute("select pg_advisory_lock(" + CHAIN_LOCK + ")");
            try {
                api().issue(admin(), Api.unique("stalled"), List.of("tokens.read"));
                waiting = newestEventId();
                // as if the sealer had been kept from it for an hour
                sql.execute(
                        "update audit_unsealed set queued_at = queued_at - interval '1 hour'"
                                + " where event_id = "
                                + waiting);
                JsonObject stalled = verify();
                assertFalse(stalled.getBoolean("ok"), stalled.toString());
                assertEquals(waiting, stalled.getJsonNumber("first_bad_id").longValue());
                assertTrue(
                        stalled.getString("problem").contains("has waited for its seal"),
                        stalled.toString());
            } finally {
                sql.execute("select pg_advisory_unlock(" + CHAIN_LOCK + ")");
            }
        }
        JsonObject sealed = awaitVerify(v -> v.getJsonNumber("unsealed").longValue() == 0);
        assertTrue(sealed.getBoolean("ok"), sealed.toString());
    }

    /**
     * Writes an event after {@code id} and waits for the sealer to seal it: {@code id} stays
     * behind, without a seal, and verify fails naming it.
     */
    private void assertNeverSealedAndNamed(long id, String problem) throws Exception {
        api().issue(admin(), Api.unique("after"), List.of("tokens.read"));
        JsonObject found = awaitVerify(v -> v.getJsonNumber("unsealed").longValue() == 1);
        assertFalse(found.getBoolean("ok"), found.toString());
        assertEquals(id, found.getJsonNumber("first_bad_id").longValue(), found.toString());
        assertTrue(found.getString("problem").contains(problem), found.toString());
        assertEquals(
                0,
                Database.number("select count(*) from audit_seal where event_id = " + id),
                "no seal for event " + id);
    }

    /** The schema owner takes the test's event out again, past the guards. */
    private static void remove(long id) throws SQLException {
        try (Connection db = Database.connect();
                Statement sql = db.createStatement()) {
            sql.execute("alter table audit_event disable trigger user");
            sql.execute("delete from audit_event where id = " + id);
            sql.execute("alter table audit_event enable trigger user");
            sql.execute("delete from audit_unsealed where event_id = " + id);
        }
    }

    private static long newestEventId() throws SQLException {
        return Database.number("select max(id) from audit_event");
    }

    private JsonObject verify() {
        return api().get("api/v1/audit/verify", admin()).json();
    }

    private JsonObject awaitVerify(Predicate<JsonObject> done) throws InterruptedException {
        JsonObject verified = verify();
        for (int waited = 0; waited < 40 && !done.test(verified); waited++) {
            Thread.sleep(250);
            verified = verify();
        }
        assertTrue(done.test(verified), "not within 10 s: " + verified);
        return verified;
    }
}
