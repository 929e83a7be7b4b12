package dev.latch.security;

import static dev.latch.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latch.support.Api;
import dev.latch.support.Database;
import dev.latch.support.LatchIT;
import dev.latch.users.SessionsIT;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every credential kind records where and when it was last used, and how often per day; the lists
 * find what nobody used for a while.
 */
class LastUseIT extends LatchIT {

    private static final String SOURCE = "203.0.113.7";

    @Test
    void anOperatorTokensLastUseNamesItsSourceUserAgentAndNode() {
        JsonObject issued = api().issue(admin(), Api.unique("lu"), List.of("tokens.read"));
        String path = "api/v1/tokens/" + issued.getString("token_id");
        assertEquals("never_used", lastUse(path).getString("state"));

        useFrom(issued.getString("token"), "deploy-bot/2.1");
        JsonObject lastUse = await(() -> lastUse(path));

        assertEquals(SOURCE, lastUse.getString("source_ip"));
        assertEquals("deploy-bot/2.1", lastUse.getString("user_agent"));
        assertFalse(lastUse.getString("node").isBlank());
        JsonObject token = api().get(path, admin()).json();
        assertEquals(lastUse.getString("at"), token.getString("last_used_at"));
    }

    @Test
    void aSessionsLastUseIsRecordedAndListed() {
        JsonObject user = SessionsIT.user(api(), "operator");
        String session = SessionsIT.login(api(), user.getString("username"), SessionsIT.PASSWORD);
        String listPath = "api/v1/users/" + user.getString("id") + "/tokens";
        assertEquals(
                "never_used", sessionOf(listPath).getJsonObject("last_use").getString("state"));

        useFrom(session, "browser/1");

        JsonObject lastUse = await(() -> sessionOf(listPath).getJsonObject("last_use"));
        assertEquals(SOURCE, lastUse.getString("source_ip"));
        assertEquals("browser/1", lastUse.getString("user_agent"));
    }

    @Test
    void aMintedJwtsLastUseIsRecordedInTheMintedList() {
        JsonObject minted = api().mint(admin(), "{\"scope\":\"tokens.read\",\"aud\":\"latch\"}");
        String jti = minted.getString("jti");
        useFrom(minted.getString("token"), "ci-job/7");

        JsonObject lastUse =
                await(
                        () ->
                                api().get("api/v1/jwt/minted?limit=500", admin()).items().stream()
                                        .map(JsonObject.class::cast)
                                        .filter(m -> m.getString("jti").equals(jti))
                                        .findFirst()
                                        .orElseThrow()
                                        .getJsonObject("last_use"));
        assertEquals("ci-job/7", lastUse.getString("user_agent"));
    }

    @Test
    void everyUseIsCountedForTodayIncludingAnswersFromTheCache() {
        JsonObject issued = api().issue(admin(), Api.unique("count"), List.of("tokens.read"));
        for (int i = 0; i < 5; i++) {
            useFrom(issued.getString("token"), "counter");
        }
        String path = "api/v1/tokens/" + issued.getString("token_id") + "/uses";

        JsonObject uses = awaitUses(path, 5);

        assertEquals(5, uses.getJsonNumber("total").longValue());
        assertEquals(1, uses.getJsonArray("days").size());
        JsonObject today = uses.getJsonArray("days").getJsonObject(0);
        assertEquals(LocalDate.now(ZoneOffset.UTC).toString(), today.getString("day"));
        assertEquals("used", uses.getJsonObject("last_use").getString("state"));
    }

    @Test
    void theUsesOfAnUnknownCredentialAre404AndOfAMalformedId400() {
        assertProblem(
                api().get("api/v1/tokens/" + UUID.randomUUID() + "/uses", admin()),
                404,
                "not_found");
        assertProblem(api().get("api/v1/tokens/nope/uses", admin()), 400, "invalid_argument");
    }

    @Test
    void aRecordFromBeforeUsesWereRecordedReadsNotRecordedNotNeverUsed() throws SQLException {
        JsonObject minted = api().mint(admin(), "{\"scope\":\"x:y\"}");
        execute(
                "update minted_jwt set use_recorded = false where jti = ?",
                UUID.fromString(minted.getString("jti")));

        JsonObject listed =
                api().get("api/v1/jwt/minted?limit=500", admin()).items().stream()
                        .map(JsonObject.class::cast)
                        .filter(m -> m.getString("jti").equals(minted.getString("jti")))
                        .findFirst()
                        .orElseThrow();
        assertEquals("not_recorded", listed.getJsonObject("last_use").getString("state"));
        assertTrue(listed.isNull("last_used_at"));
    }

    @Test
    void unusedForFindsWhatNobodyUsedForThatLongAndSortPutsTheLongestIdleFirst()
            throws SQLException {
        String prefix = Api.unique("idle");
        UUID neverUsed = age(prefix + "-never", Duration.ofDays(40), null);
        UUID usedLongAgo = age(prefix + "-old", Duration.ofDays(60), Duration.ofDays(35));
        UUID usedYesterday = age(prefix + "-recent", Duration.ofDays(60), Duration.ofDays(1));
        UUID issuedToday =
                UUID.fromString(
                        api().issue(admin(), prefix + "-new", List.of("tokens.read"))
                                .getString("token_id"));

        List<String> unused =
                api()
                        .get("api/v1/tokens?unused_for=30d&sort=last_used&limit=500", admin())
                        .items()
                        .stream()
                        .map(JsonObject.class::cast)
                        .map(t -> t.getString("token_id"))
                        .toList();

        assertTrue(unused.contains(neverUsed.toString()));
        assertTrue(unused.contains(usedLongAgo.toString()));
        assertFalse(unused.contains(usedYesterday.toString()));
        assertFalse(unused.contains(issuedToday.toString()));
        assertTrue(
                unused.indexOf(neverUsed.toString()) < unused.indexOf(usedLongAgo.toString()),
                "idle since its issue 40 days ago before idle since its use 35 days ago");
    }

    @Test
    void theLongestIdleOrderPagesWithItsCursor() throws SQLException {
        String prefix = Api.unique("pages");
        age(prefix + "-a", Duration.ofDays(300), null);
        age(prefix + "-b", Duration.ofDays(299), null);
        var first = api().get("api/v1/tokens?sort=last_used&unused_for=298d&limit=1", admin());
        String cursor = first.json().getString("next_cursor");
        var second =
                api().get(
                                "api/v1/tokens?sort=last_used&unused_for=298d&limit=1&cursor="
                                        + cursor,
                                admin());

        assertEquals(prefix + "-a", first.items().getJsonObject(0).getString("name"));
        assertEquals(prefix + "-b", second.items().getJsonObject(0).getString("name"));
    }

    @Test
    void aBadUnusedForOrSortIsTheClients400() {
        assertProblem(api().get("api/v1/tokens?unused_for=soon", admin()), 400, "invalid_argument");
        assertProblem(api().get("api/v1/tokens?unused_for=0d", admin()), 400, "invalid_argument");
        assertProblem(
                api().get("api/v1/tokens?unused_for=999999999d", admin()), 400, "invalid_argument");
        assertProblem(api().get("api/v1/tokens?sort=name", admin()), 400, "invalid_argument");
        assertProblem(
                api().get("api/v1/jwt/minted?unused_for=-1d", admin()), 400, "invalid_argument");
    }

    /** A token issued {@code issuedAgo} ago and last used {@code usedAgo} ago (or never). */
    private UUID age(String name, Duration issuedAgo, Duration usedAgo) throws SQLException {
        UUID id =
                UUID.fromString(
                        api().issue(admin(), name, List.of("tokens.read")).getString("token_id"));
        Instant now = Instant.now();
        try (Connection db = Database.connect();
                PreparedStatement q =
                        db.prepareStatement(
                                "update token set issued_at = ?, last_used_at = ? where id = ?")) {
            q.setTimestamp(1, Timestamp.from(now.minus(issuedAgo)));
            q.setTimestamp(2, usedAgo == null ? null : Timestamp.from(now.minus(usedAgo)));
            q.setObject(3, id);
            q.executeUpdate();
        }
        return id;
    }

    private void useFrom(String credential, String userAgent) {
        var reply =
                api().send(
                                api().request("api/v1/whoami", credential)
                                        .setHeader("User-Agent", userAgent)
                                        .header("X-Forwarded-For", SOURCE)
                                        .GET());
        assertEquals(200, reply.status(), reply.body());
    }

    private JsonObject lastUse(String path) {
        return api().get(path, admin()).json().getJsonObject("last_use");
    }

    private JsonObject sessionOf(String listPath) {
        return api().get(listPath, admin()).items().stream()
                .map(JsonObject.class::cast)
                .filter(t -> t.getString("kind").equals("session"))
                .findFirst()
                .orElseThrow();
    }

    /** The last use, once the flush wrote it (every second in the tests). */
    private static JsonObject await(Supplier<JsonObject> lastUse) {
        Instant deadline = Instant.now().plusSeconds(15);
        JsonObject seen = lastUse.get();
        while (!seen.getString("state").equals("used") && Instant.now().isBefore(deadline)) {
            sleep();
            seen = lastUse.get();
        }
        assertEquals("used", seen.getString("state"), seen.toString());
        assertNotNull(seen.getString("at"));
        return seen;
    }

    private JsonObject awaitUses(String path, long expected) {
        Instant deadline = Instant.now().plusSeconds(15);
        JsonObject uses = api().get(path, admin()).json();
        while (uses.getJsonNumber("total").longValue() < expected
                && Instant.now().isBefore(deadline)) {
            sleep();
            uses = api().get(path, admin()).json();
        }
        return uses;
    }

    private static void execute(String sql, Object parameter) throws SQLException {
        try (Connection db = Database.connect();
                PreparedStatement q = db.prepareStatement(sql)) {
            q.setObject(1, parameter);
            q.executeUpdate();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
