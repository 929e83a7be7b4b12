package dev.latch.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.latch.audit.control.AuditChain;
import dev.latch.audit.entity.AuditEvent;
import dev.latch.support.Api;
import dev.latch.support.Database;
import dev.latch.support.LatchIT;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Checkpoints published on a timer (2 s in the tests), the application's database role, and
 * retention: events past it move to an archive file and the rest still verifies.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditRetentionIT extends LatchIT {

    /** AdvisoryLock.AUDIT_CHAIN: held while the test rewrites the log, so nothing is sealed. */
    private static final long CHAIN_LOCK = 0x4C41_0001L;

    private JsonObject newestCheckpoint() throws InterruptedException {
        for (int waited = 0; waited < 40; waited++) {
            var items = api().get("api/v1/audit/checkpoints?limit=1", admin()).items();
            if (!items.isEmpty()) {
                return items.getJsonObject(0);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no checkpoint published within 10 s");
    }

    @Test
    @Order(1)
    void theTimerPublishesSealedCheckpointsThatVerifyAccepts() throws Exception {
        api().issue(admin(), Api.unique("cp"), List.of("tokens.read"));
        JsonObject published = newestCheckpoint();
        assertTrue(published.getJsonNumber("event_count").longValue() > 0, published.toString());
        JsonObject verified =
                api().get(
                                "api/v1/audit/verify?checkpoint="
                                        + published.getString("checkpoint"),
                                admin())
                        .json();
        assertTrue(verified.getBoolean("ok"), verified.toString());
        assertTrue(verified.getBoolean("checkpoint_ok"));
        assertTrue(verified.getBoolean("published_checkpoint_ok"));
        assertEquals(
                403,
                api().get(
                                "api/v1/audit/checkpoints",
                                api().issue(admin(), Api.unique("r"), List.of("tokens.read"))
                                        .getString("token"))
                        .status());
    }

    @Test
    @Order(2)
    void theApplicationRoleMayOnlyInsertAndReadTheAuditTables() throws Exception {
        String owner = System.getProperty("latch.test.db.user");
        String app = System.getProperty("latch.test.db.app.user");
        assumeFalse(owner.equals(app), "the test database has one role for both");
        long checkpoint = newestCheckpoint().getJsonNumber("id").longValue();
        try (Connection db = Database.connectAsApplication();
                Statement sql = db.createStatement()) {
            for (String forbidden :
                    List.of(
                            "update audit_event set actor = 'mallory'",
                            "delete from audit_event",
                            "truncate audit_event",
                            "update audit_checkpoint set hash = hash",
                            "delete from audit_checkpoint",
                            "update audit_seal set hash = hash",
                            "delete from audit_seal",
                            "truncate audit_seal",
                            "update audit_unsealed set queued_at = now()",
                            "delete from flyway_schema_history")) {
                SQLException refused =
                        assertThrows(SQLException.class, () -> sql.execute(forbidden), forbidden);
                assertEquals("42501", refused.getSQLState(), forbidden + ": " + refused);
            }
            // archiving through the one function it may call never removes a recent event
            SQLException young =
                    assertThrows(
                            SQLException.class,
                            () -> sql.execute("select audit_archive(" + checkpoint + ")"));
            assertTrue(young.getMessage().contains("younger than 30 days"), young.getMessage());
        }
    }

    @Test
    @Order(3)
    void theArchiveFunctionIgnoresTheCallersTemporaryTables() throws Exception {
        String app = System.getProperty("latch.test.db.app.user");
        long before = eventCount();
        try (Connection db = Database.connectAsApplication();
                Statement sql = db.createStatement()) {
            db.setAutoCommit(false);
            // temporary look-alikes that would let the function's owner archive what the caller
            // says
            sql.execute("create temp table audit_checkpoint (like public.audit_checkpoint)");
            sql.execute("create temp table audit_event (like public.audit_event)");
            sql.execute(
                    "insert into pg_temp.audit_checkpoint values"
                            + " (-7, now(), 1, 1, repeat('0', 64), 'x', false)");
            SQLException refused =
                    assertThrows(SQLException.class, () -> sql.execute("select audit_archive(-7)"));
            assertTrue(refused.getMessage().contains("no audit checkpoint"), refused.getMessage());
            db.rollback();
        }
        assertEquals(before, eventCount(), app + " removed nothing");
    }

    @Test
    @Order(4)
    void aForgedAnchorIsRefusedOrFound() throws Exception {
        long head = newestCheckpoint().getJsonNumber("last_id").longValue();
        String forge =
                "insert into audit_checkpoint (id, at, event_count, last_id, hash, sealed, anchor)"
                        + " select nextval('audit_checkpoint_seq'), now(), 1, "
                        + head
                        + ", hash, 'forged', true from audit_event where id = "
                        + head;
        try (Connection db = Database.connectAsApplication();
                Statement sql = db.createStatement()) {
            SQLException refused = assertThrows(SQLException.class, () -> sql.execute(forge));
            assertTrue(refused.getMessage().contains("only by archiving"), refused.getMessage());
        }
        // the schema owner lifts the guard: verify finds the anchor not sealed by the chain key
        try (Connection db = Database.connect();
                Statement sql = db.createStatement()) {
            sql.execute("alter table audit_checkpoint disable trigger user");
            sql.execute(forge);
            sql.execute("alter table audit_checkpoint enable trigger user");
            try {
                JsonObject verified = api().get("api/v1/audit/verify", admin()).json();
                assertFalse(verified.getBoolean("ok"), verified.toString());
                assertTrue(
                        verified.getString("problem").contains("not sealed"), verified.toString());
            } finally {
                sql.execute("alter table audit_checkpoint disable trigger user");
                sql.execute("delete from audit_checkpoint where sealed = 'forged'");
                sql.execute("alter table audit_checkpoint enable trigger user");
            }
        }
        assertTrue(api().get("api/v1/audit/verify", admin()).json().getBoolean("ok"));
    }

    @Test
    @Order(5)
    void theTimerPublishesNothingOverACutTail() throws Exception {
        api().issue(admin(), Api.unique("cut"), List.of("tokens.read"));
        long published = awaitCheckpointOfHead();
        try (Connection db = Database.connect();
                Statement sql = db.createStatement()) {
            sql.execute("select pg_advisory_lock(" + CHAIN_LOCK + ")");
            sql.execute(
                    "create temp table cut as select * from audit_event where id = " + published);
            sql.execute("alter table audit_event disable trigger user");
            sql.execute("delete from audit_event where id = " + published);
            sql.execute("alter table audit_event enable trigger user");
            sql.execute("select pg_advisory_unlock(" + CHAIN_LOCK + ")");
            try {
                Thread.sleep(5000); // two timer runs: neither may publish the shorter log
                JsonObject verified = api().get("api/v1/audit/verify", admin()).json();
                assertFalse(verified.getBoolean("ok"), verified.toString());
                assertFalse(verified.getBoolean("published_checkpoint_ok"), verified.toString());
            } finally {
                // put back as it was, not queued again: its seal is still there
                sql.execute("alter table audit_event disable trigger user");
                sql.execute("insert into audit_event select * from cut");
                sql.execute("alter table audit_event enable trigger user");
            }
        }
        assertTrue(api().get("api/v1/audit/verify", admin()).json().getBoolean("ok"));
    }

    /** The last id of a checkpoint published after the current head was written. */
    private long awaitCheckpointOfHead() throws Exception {
        long head = Database.number("select max(id) from audit_event");
        for (int waited = 0; waited < 40; waited++) {
            long last = newestCheckpoint().getJsonNumber("last_id").longValue();
            if (last >= head) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no checkpoint of event " + head + " within 10 s");
    }

    private static long eventCount() throws SQLException {
        return Database.number("select count(*) from audit_event");
    }

    @Test
    @Order(10)
    void eventsPastRetentionMoveToAnArchiveFileAndTheRestStillVerifies() throws Exception {
        api().issue(admin(), Api.unique("old"), List.of("tokens.read"));
        int aged = ageTheWholeLog(Duration.ofDays(400));

        JsonObject verified = null;
        for (int waited = 0; waited < 60; waited++) {
            verified = api().get("api/v1/audit/verify", admin()).json();
            if (verified.getJsonNumber("archived").longValue() > 0) {
                break;
            }
            Thread.sleep(250);
        }
        assertTrue(verified.getBoolean("ok"), verified.toString());
        assertEquals(aged, verified.getJsonNumber("archived").longValue(), verified.toString());

        JsonObject anchor =
                api()
                        .get("api/v1/audit/checkpoints?limit=100", admin())
                        .items()
                        .getValuesAs(JsonObject.class)
                        .stream()
                        .filter(c -> c.getBoolean("anchor"))
                        .findFirst()
                        .orElseThrow();
        Path file =
                Path.of(
                        System.getProperty("latch.test.data.dir"),
                        "audit-archive",
                        "audit-1-" + anchor.getJsonNumber("event_count") + ".jsonl");
        List<String> lines = Files.readAllLines(file);
        assertEquals(aged + 1, lines.size(), "a header and one line per archived event");
        JsonObject header = Json.createReader(new StringReader(lines.get(0))).readObject();
        assertEquals(anchor.getString("checkpoint"), header.getString("to"));
        JsonObject last =
                Json.createReader(new StringReader(lines.get(lines.size() - 1))).readObject();
        assertEquals(anchor.getString("hash"), last.getString("hash"));

        // the chain goes on from the anchor, and a kept checkpoint of the archived part still holds
        api().issue(admin(), Api.unique("after"), List.of("tokens.read"));
        JsonObject after =
                api().get(
                                "api/v1/audit/verify?checkpoint=" + anchor.getString("checkpoint"),
                                admin())
                        .json();
        assertTrue(after.getBoolean("ok"), after.toString());
        assertTrue(after.getBoolean("checkpoint_ok"));
        assertEquals(aged, after.getJsonNumber("archived").longValue());
    }

    /**
     * Plays time forward: every event is re-dated {@code by} earlier, given the MAC of its new
     * fields and re-sealed with the chain key, as if written that long ago, and the checkpoints of
     * the old dates are dropped.
     */
    private static int ageTheWholeLog(Duration by) throws Exception {
        byte[] key = Database.auditChainKey();
        try (Connection db = Database.connect();
                Statement sql = db.createStatement()) {
            // every event sealed, and the sealer held off: all of them are aged and archived
            sql.execute("select pg_advisory_lock(" + CHAIN_LOCK + ")");
            for (int waited = 0;
                    Database.number("select count(*) from audit_unsealed") > 0;
                    waited++) {
                assertTrue(waited < 40, "the sealer did not seal the log within 10 s");
                sql.execute("select pg_advisory_unlock(" + CHAIN_LOCK + ")");
                Thread.sleep(250);
                sql.execute("select pg_advisory_lock(" + CHAIN_LOCK + ")");
            }
            try {
                sql.execute("alter table audit_event disable trigger user");
                sql.execute("alter table audit_seal disable trigger user");
                sql.execute("alter table audit_checkpoint disable trigger user");
                Map<Long, AuditEvent> events = new HashMap<>();
                try (ResultSet rs = sql.executeQuery("select * from audit_event")) {
                    while (rs.next()) {
                        AuditEvent e =
                                new AuditEvent(
                                        rs.getLong("id"),
                                        rs.getObject("at", OffsetDateTime.class)
                                                .toInstant()
                                                .minus(by),
                                        rs.getString("actor"),
                                        rs.getObject("actor_token_id", UUID.class),
                                        rs.getString("action"),
                                        rs.getString("target"),
                                        rs.getString("outcome"),
                                        rs.getInt("status"),
                                        rs.getString("code"),
                                        rs.getString("source_ip"),
                                        rs.getString("user_agent"),
                                        rs.getString("request_id"),
                                        rs.getString("detail"));
                        e.authenticate(AuditChain.mac(e, key));
                        events.put(e.id(), e);
                    }
                }
                // two passes keep the unique hash column free of collisions mid-way
                sql.execute("update audit_event set hash = md5(hash) || md5(id::text)");
                try (PreparedStatement update =
                        db.prepareStatement(
                                "update audit_event set at = ?, hash = ? where id = ?")) {
                    for (AuditEvent e : events.values()) {
                        update.setObject(1, e.at().atOffset(ZoneOffset.UTC));
                        update.setString(2, e.hash());
                        update.setLong(3, e.id());
                        update.executeUpdate();
                    }
                }
                List<long[]> seals = new ArrayList<>();
                try (ResultSet rs =
                        sql.executeQuery(
                                "select position, event_id from audit_seal order by position")) {
                    while (rs.next()) {
                        seals.add(new long[] {rs.getLong(1), rs.getLong(2)});
                    }
                }
                String prev = AuditChain.GENESIS;
                try (PreparedStatement update =
                        db.prepareStatement(
                                "update audit_seal set prev_hash = ?, hash = ? where position = ?")) {
                    for (long[] seal : seals) {
                        String hash = AuditChain.seal(seal[0], events.get(seal[1]), prev, key);
                        update.setString(1, prev);
                        update.setString(2, hash);
                        update.setLong(3, seal[0]);
                        update.executeUpdate();
                        prev = hash;
                    }
                }
                sql.execute(
                        "update audit_unsealed set queued_at = queued_at - interval '"
                                + by.toSeconds()
                                + " seconds'");
                sql.execute("delete from audit_checkpoint");
                return events.size();
            } finally {
                sql.execute("alter table audit_event enable trigger user");
                sql.execute("alter table audit_seal enable trigger user");
                sql.execute("alter table audit_checkpoint enable trigger user");
                sql.execute("select pg_advisory_unlock(" + CHAIN_LOCK + ")");
            }
        }
    }
}
