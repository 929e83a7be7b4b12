package dev.latch.expiry;

import static dev.latch.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.latch.support.Api;
import dev.latch.support.LatchIT;
import dev.latch.support.TestRuntime;
import dev.latch.users.SessionsIT;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/expiring}: what expires soon, across every kind of credential. */
class ExpiringIT extends LatchIT {

    private String issue(String ttl) {
        var reply =
                api().post(
                                "api/v1/tokens",
                                admin(),
                                "{\"name\":\""
                                        + Api.unique("soon")
                                        + "\",\"ttl\":\""
                                        + ttl
                                        + "\"}");
        assertEquals(201, reply.status(), reply.body());
        return reply.json().getString("token_id");
    }

    private String mint(String ttl) {
        return api().mint(
                        admin(),
                        "{\"scope\":\"tokens.read\",\"aud\":\"latch\",\"ttl\":\"" + ttl + "\"}")
                .getString("jti");
    }

    /** Every credential the list holds, page after page of {@code limit}. */
    private List<JsonObject> all(String query, String token, int limit) {
        List<JsonObject> items = new ArrayList<>();
        String cursor = null;
        do {
            var reply =
                    api().get(
                                    "api/v1/expiring?"
                                            + query
                                            + "&limit="
                                            + limit
                                            + (cursor == null ? "" : "&cursor=" + cursor),
                                    token);
            assertEquals(200, reply.status(), reply.body());
            items.addAll(reply.items().getValuesAs(JsonObject.class));
            cursor = reply.string("next_cursor");
        } while (cursor != null);
        return items;
    }

    private static List<String> ids(List<JsonObject> items, Set<String> of) {
        return items.stream().map(i -> i.getString("id")).filter(of::contains).toList();
    }

    @Test
    void tokensAndJwtsAreListedTogetherSoonestFirstWithinTheWindow() {
        String inFive = issue("5h");
        String inThree = issue("3h");
        String jwtInTwo = mint("2h");
        String inFour = issue("4h");
        String inTwoDays = issue("2d");
        Set<String> ours = Set.of(inFive, inThree, jwtInTwo, inFour, inTwoDays);

        List<JsonObject> items = all("within=6h", admin(), 500);
        assertEquals(List.of(jwtInTwo, inThree, inFour, inFive), ids(items, ours));
        for (int i = 1; i < items.size(); i++) {
            assertFalse(
                    Instant.parse(items.get(i).getString("expires_at"))
                            .isBefore(Instant.parse(items.get(i - 1).getString("expires_at"))),
                    "soonest first");
        }
        JsonObject jwt =
                items.stream().filter(i -> i.getString("id").equals(jwtInTwo)).findFirst().get();
        assertEquals("minted", jwt.getString("kind"));
        assertTrue(jwt.containsKey("name") && jwt.containsKey("owner_id"), jwt.toString());
        JsonObject token =
                items.stream().filter(i -> i.getString("id").equals(inThree)).findFirst().get();
        assertEquals("operator", token.getString("kind"));
        assertTrue(token.getString("name").startsWith("soon-"));

        assertTrue(ids(all("within=3d", admin(), 500), ours).contains(inTwoDays));
    }

    @Test
    void pagesFollowOneAnotherWithoutGapOrRepeat() {
        Set<String> ours = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            ours.add(issue("7h"));
        }
        ours.add(mint("7h"));
        ours.add(mint("7h"));
        List<JsonObject> whole = all("within=8h", admin(), 500);
        List<JsonObject> paged = all("within=8h", admin(), 2);
        assertEquals(ids(whole, ours), ids(paged, ours));
        assertEquals(ours.size(), ids(paged, ours).size());
        assertEquals(
                paged.size(),
                paged.stream().map(i -> i.getString("id")).distinct().count(),
                "no credential twice");
    }

    @Test
    void eachCredentialSaysWhichThresholdsItWasWarnedOf() throws Exception {
        String id = issue("12h");
        WebhooksIT.await(
                "the warning",
                Duration.ofSeconds(20),
                () ->
                        all("within=13h", admin(), 500).stream()
                                .filter(i -> i.getString("id").equals(id))
                                .anyMatch(i -> !i.getJsonArray("warned").isEmpty()));
        JsonObject item =
                all("within=13h", admin(), 500).stream()
                        .filter(i -> i.getString("id").equals(id))
                        .findFirst()
                        .get();
        assertEquals(
                List.of("1d"),
                item.getJsonArray("warned").getValuesAs(JsonString.class).stream()
                        .map(JsonString::getString)
                        .toList());
    }

    @Test
    void theWindowDefaultsToTheWidestThresholdAndABadOneIsRefused() {
        String inTwentyDays = issue("20d");
        assertTrue(ids(all("", admin(), 500), Set.of(inTwentyDays)).contains(inTwentyDays));
        for (String bad : List.of("0s", "366d", "7", "7x", "-1d", "1w", "%20")) {
            assertProblem(
                    api().get("api/v1/expiring?within=" + bad, admin()), 400, "invalid_argument");
        }
        assertProblem(api().get("api/v1/expiring?cursor=bm9wZQ", admin()), 400, "invalid_argument");
        assertProblem(api().get("api/v1/expiring?limit=501", admin()), 400, "invalid_argument");
    }

    @Test
    void itNeedsTokensRead() {
        assertProblem(api().get("api/v1/expiring", null), 401, "unauthenticated");
        String minter =
                api().issue(admin(), Api.unique("minter"), List.of("jwt.mint")).getString("token");
        assertProblem(api().get("api/v1/expiring", minter), 403, "permission_denied");
    }

    @Test
    void aSessionIsListedToItsOwnerAndToAdminsOnly() {
        JsonObject alice = SessionsIT.user(api(), "viewer");
        JsonObject bob = SessionsIT.user(api(), "viewer");
        String aliceSession =
                SessionsIT.login(api(), alice.getString("username"), SessionsIT.PASSWORD);
        String bobSession = SessionsIT.login(api(), bob.getString("username"), SessionsIT.PASSWORD);
        String alicesJti = api().get("api/v1/whoami", aliceSession).string("token_id");
        Set<String> of = Set.of(alicesJti);
        assertEquals(List.of(alicesJti), ids(all("within=9h", aliceSession, 500), of));
        assertEquals(List.of(alicesJti), ids(all("within=9h", admin(), 500), of));
        assertEquals(List.of(), ids(all("within=9h", bobSession, 500), of));
    }

    @Test
    void openApiDescribesTheExpiringListAndTheDeliveryLog() {
        String document = api().get("openapi", null).body();
        for (String expected :
                List.of(
                        "/api/v1/expiring:",
                        "/api/v1/webhooks/deliveries:",
                        "Active credentials expiring within a window")) {
            assertTrue(document.contains(expected), expected);
        }
        // Payara's document (seen in its run) leaves out the delivery log's item fields
        assumeFalse(TestRuntime.isPayara());
        for (String field : List.of("warned:", "next_attempt_at:", "last_error:")) {
            assertTrue(document.contains(field), field);
        }
    }
}
