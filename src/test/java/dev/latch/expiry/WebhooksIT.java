package dev.latch.expiry;

import static dev.latch.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latch.support.Api;
import dev.latch.support.Database;
import dev.latch.support.LatchIT;
import dev.latch.support.Scrape;
import dev.latch.support.WebhookReceiver;
import dev.latch.support.WebhookReceiver.Received;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Expiry warnings as a webhook receiver meets them (the test server checks every second and retries
 * after 1s and 2s, 3 attempts in all; pom.xml), and the delivery log.
 */
class WebhooksIT extends LatchIT {

    private WebhookReceiver receiver;

    @BeforeEach
    void listen() throws Exception {
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    static void await(String what, Duration within, BooleanSupplier done) throws Exception {
        Instant deadline = Instant.now().plus(within);
        while (!done.getAsBoolean()) {
            assertTrue(Instant.now().isBefore(deadline), "waited " + within + " for " + what);
            Thread.sleep(200);
        }
    }

    /** The status of the one delivery of this credential, or null while there is none. */
    private String status(String credentialId) {
        List<JsonObject> log = log(credentialId);
        return log.isEmpty() ? null : log.get(0).getString("status");
    }

    private List<JsonObject> log(String credentialId) {
        var reply = api().get("api/v1/webhooks/deliveries?credential_id=" + credentialId, admin());
        assertEquals(200, reply.status(), reply.body());
        return reply.items().getValuesAs(JsonObject.class);
    }

    @Test
    void aWarningArrivesOnceSignedNamingTheCredentialAndTheTightestThresholdCrossed()
            throws Exception {
        String name = Api.unique("expiring");
        JsonObject token = api().issue(admin(), name, "12h");
        String id = token.getString("token_id");
        await("the warning", Duration.ofSeconds(20), () -> !receiver.of(id).isEmpty());
        Thread.sleep(3000); // three more checks of the server: still one warning, one request
        List<Received> received = receiver.of(id);
        assertEquals(1, received.size(), "requests for " + id);
        Received warning = received.get(0);
        assertEquals(WebhookReceiver.signatureOf(warning.body()), warning.signature());
        JsonObject body = warning.json();
        assertEquals("credential.expiring", body.getString("type"));
        assertEquals(warning.deliveryId(), body.getString("delivery_id"));
        assertEquals("1d", body.getString("threshold"));
        JsonObject credential = body.getJsonObject("credential");
        assertEquals(id, credential.getString("id"));
        assertEquals("operator", credential.getString("kind"));
        assertEquals(name, credential.getString("name"));
        assertEquals(
                Instant.parse(token.getString("expires_at")),
                Instant.parse(credential.getString("expires_at")));
        assertTrue(credential.containsKey("owner_id"));

        assertEquals("verified", theReadmesReceiverSays(warning));

        List<JsonObject> log = log(id);
        assertEquals(1, log.size());
        assertEquals("delivered", log.get(0).getString("status"));
        assertEquals(1, log.get(0).getInt("attempts"));
        assertEquals(200, log.get(0).getInt("last_status"));
        assertEquals(warning.deliveryId(), log.get(0).getString("id"));
        assertEquals(warning.body(), log.get(0).getString("body"));
    }

    /**
     * Runs the README's receiver snippet (the first sh block after "A receiver checks a delivery")
     * on the body as received, with the key file and the header's value, as a receiver would.
     */
    private static String theReadmesReceiverSays(Received warning) throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int from = readme.indexOf("```sh\n", readme.indexOf("A receiver checks a delivery"));
        String snippet = readme.substring(from + 6, readme.indexOf("```", from + 6));
        Path dir = Files.createTempDirectory("receiver");
        Files.writeString(dir.resolve("body.json"), warning.body());
        Files.copy(
                Path.of(System.getProperty("latch.test.data.dir"), "webhook-signing.key"),
                dir.resolve("webhook-signing.key"));
        ProcessBuilder shell = new ProcessBuilder("bash", "-c", snippet).directory(dir.toFile());
        shell.environment().put("LATCH_SIGNATURE", warning.signature());
        Process p = shell.redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes()).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return said;
    }

    @Test
    void aCredentialIsWarnedOnlyOfTheTightestThresholdItHasCrossed() throws Exception {
        String threeDays = api().issue(admin(), Api.unique("expiring"), "3d").getString("token_id");
        String twentyDays =
                api().issue(admin(), Api.unique("expiring"), "20d").getString("token_id");
        String sixtyDays =
                api().issue(admin(), Api.unique("expiring"), "60d").getString("token_id");
        await(
                "both warnings",
                Duration.ofSeconds(20),
                () -> !receiver.of(threeDays).isEmpty() && !receiver.of(twentyDays).isEmpty());
        Thread.sleep(2000);
        assertEquals(List.of("7d"), thresholds(receiver.of(threeDays)));
        assertEquals(List.of("30d"), thresholds(receiver.of(twentyDays)));
        assertEquals(List.of(), receiver.of(sixtyDays));
        assertEquals(List.of(), log(sixtyDays));
    }

    private static List<String> thresholds(List<Received> received) {
        return received.stream().map(Received::threshold).toList();
    }

    @Test
    void aReceiverAnswering500IsTriedAgainLaterWithTheSameSignedBody() throws Exception {
        String name = Api.unique("expiring");
        receiver.answer(name, 500);
        String id = api().issue(admin(), name, "12h").getString("token_id");
        await("the retry", Duration.ofSeconds(20), () -> receiver.of(id).size() == 2);
        await(
                "the log to say delivered",
                Duration.ofSeconds(5),
                () -> "delivered".equals(status(id)));
        List<Received> received = receiver.of(id);
        assertEquals(received.get(0).deliveryId(), received.get(1).deliveryId());
        assertEquals(received.get(0).body(), received.get(1).body());
        assertEquals(received.get(0).signature(), received.get(1).signature());
        JsonObject entry = log(id).get(0);
        assertEquals(2, entry.getInt("attempts"));
        assertEquals(200, entry.getInt("last_status"));
        assertEquals(JsonValue.NULL, entry.get("last_error"));
        assertNotEquals(JsonValue.NULL, entry.get("delivered_at"));
        assertEquals(JsonValue.NULL, entry.get("next_attempt_at"));
    }

    @Test
    void aReceiverThatKeepsFailingIsTriedWithGrowingDelaysThenTheDeliveryFails() throws Exception {
        String name = Api.unique("expiring");
        receiver.answer(name, 500, 503, 500, 500);
        String id = api().issue(admin(), name, "12h").getString("token_id");
        await("the delivery to fail", Duration.ofSeconds(30), () -> "failed".equals(status(id)));
        JsonObject entry = log(id).get(0);
        assertEquals(3, entry.getInt("attempts"));
        assertEquals(500, entry.getInt("last_status"));
        assertEquals("HTTP 500", entry.getString("last_error"));
        assertEquals(JsonValue.NULL, entry.get("next_attempt_at"));
        Thread.sleep(3000); // no fourth attempt
        List<Instant> times = receiver.arrivals(id);
        assertEquals(3, times.size());
        Duration first = Duration.between(times.get(0), times.get(1));
        Duration second = Duration.between(times.get(1), times.get(2));
        // retried 1s, then 2s after an attempt, sent by the first check at or after that time
        assertTrue(first.toMillis() >= 900, "first retry after " + first);
        assertTrue(second.toMillis() >= 1900, "second retry after " + second);

        // the database's figures are read again after 1s in the tests (pom.xml)
        await(
                "the failure in the metrics",
                Duration.ofSeconds(5),
                () ->
                        Scrape.of(api().get("api/v1/metrics", admin()).body())
                                        .value("latch_webhook_deliveries", "status", "failed")
                                >= 1);
    }

    @Test
    void aDeliveryStillPendingWhenItsCredentialIsRevokedIsCancelledNotRetried() throws Exception {
        String name = Api.unique("expiring");
        receiver.answer(name, 500, 500, 500);
        String id = api().issue(admin(), name, "12h").getString("token_id");
        await("the first attempt", Duration.ofSeconds(20), () -> receiver.of(id).size() == 1);
        assertEquals(200, api().delete("api/v1/tokens/" + id, admin()).status());

        await(
                "the log to say cancelled",
                Duration.ofSeconds(10),
                () -> "cancelled".equals(status(id)));
        Thread.sleep(3000); // past the retries' 1s and 2s
        assertEquals(1, receiver.of(id).size(), "no retry after the revocation");
        assertEquals(JsonValue.NULL, log(id).get(0).get("next_attempt_at"));
    }

    @Test
    void revokedAndExpiredCredentialsAreNeverWarned() throws Exception {
        String revoked = api().issue(admin(), Api.unique("expiring"), "60d").getString("token_id");
        assertEquals(200, api().delete("api/v1/tokens/" + revoked, admin()).status());
        String expired = api().issue(admin(), Api.unique("expiring"), "60d").getString("token_id");
        try (Connection db = Database.connect();
                PreparedStatement soon =
                        db.prepareStatement(
                                "update token set expires_at = now() + interval '12 hours'"
                                        + " where id = ?");
                PreparedStatement past =
                        db.prepareStatement(
                                "update token set issued_at = now() - interval '2 hours',"
                                        + " expires_at = now() - interval '1 hour' where id = ?")) {
            soon.setObject(1, UUID.fromString(revoked));
            soon.executeUpdate();
            past.setObject(1, UUID.fromString(expired));
            past.executeUpdate();
        }
        String control = api().issue(admin(), Api.unique("expiring"), "12h").getString("token_id");
        await("the control's warning", Duration.ofSeconds(20), () -> !log(control).isEmpty());
        Thread.sleep(2000);
        assertEquals(List.of(), log(revoked));
        assertEquals(List.of(), log(expired));
        assertEquals(
                0,
                Database.number(
                        "select count(*) from expiry_warning where credential_id in ('"
                                + revoked
                                + "', '"
                                + expired
                                + "')"));
    }

    @Test
    void theDeliveryLogIsReadWithAuditReadOnly() {
        assertProblem(api().get("api/v1/webhooks/deliveries", null), 401, "unauthenticated");
        String reader =
                api().issue(admin(), Api.unique("reader"), List.of("tokens.read"))
                        .getString("token");
        assertProblem(api().get("api/v1/webhooks/deliveries", reader), 403, "permission_denied");
        String auditor =
                api().issue(admin(), Api.unique("auditor"), List.of("audit.read"))
                        .getString("token");
        assertEquals(200, api().get("api/v1/webhooks/deliveries?limit=2", auditor).status());
    }

    @Test
    void theDeliveryLogRefusesABadFilterOrCursorAndPagesNewestFirst() throws Exception {
        for (String bad :
                List.of("status=sent", "credential_id=not-a-uuid", "cursor=%21", "limit=0")) {
            assertProblem(
                    api().get("api/v1/webhooks/deliveries?" + bad, admin()),
                    400,
                    "invalid_argument");
        }
        String a = api().issue(admin(), Api.unique("expiring"), "12h").getString("token_id");
        String b = api().issue(admin(), Api.unique("expiring"), "12h").getString("token_id");
        await(
                "both delivered",
                Duration.ofSeconds(20),
                () -> "delivered".equals(status(a)) && "delivered".equals(status(b)));
        var first = api().get("api/v1/webhooks/deliveries?status=delivered&limit=1", admin());
        assertEquals(1, first.items().size());
        var second =
                api().get(
                                "api/v1/webhooks/deliveries?status=delivered&limit=1&cursor="
                                        + first.string("next_cursor"),
                                admin());
        JsonObject newer = first.items().getJsonObject(0);
        JsonObject older = second.items().getJsonObject(0);
        assertTrue(
                !Instant.parse(newer.getString("created_at"))
                        .isBefore(Instant.parse(older.getString("created_at"))));
        assertEquals("delivered", older.getString("status"));
    }
}
