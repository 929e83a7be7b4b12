package dev.latch.join;

import static dev.latch.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latch.support.Api;
import dev.latch.support.LatchIT;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * prexor's AdminService and BootstrapService over REST: field names, status mapping, reasons, the
 * race.
 */
class JoinTokensIT extends LatchIT {

    private JsonObject create(String body) {
        var reply = api().post("api/v1/admin/tokens", admin(), body);
        assertEquals(200, reply.status(), reply.body());
        return reply.json();
    }

    private Api.Reply exchange(String joinToken, String nodeId) {
        return api().post(
                        "api/v1/bootstrap/exchange",
                        null,
                        "{\"join_token\":\"" + joinToken + "\",\"node_id\":\"" + nodeId + "\"}");
    }

    private static String node() {
        return Api.unique("node");
    }

    @Test
    void creatingAnswersWithPrexorsFieldsAndTheDefaultTtl() {
        JsonObject created = create("{}");
        assertTrue(created.getString("join_token").matches("ljn_[0-9A-Za-z]{49}"));
        assertTrue(created.containsKey("token_id"));
        long ttl =
                created.getJsonNumber("expires_at_epoch_ms").longValue()
                        - Instant.now().toEpochMilli();
        assertTrue(Math.abs(ttl - Duration.ofDays(1).toMillis()) < 60_000, "86400 s by default");
        long zero =
                create("{\"ttl_seconds\":0}").getJsonNumber("expires_at_epoch_ms").longValue()
                        - Instant.now().toEpochMilli();
        assertTrue(Math.abs(zero - Duration.ofDays(1).toMillis()) < 60_000, "0 means the default");
        long hour =
                create("{\"ttl_seconds\":3600}").getJsonNumber("expires_at_epoch_ms").longValue()
                        - Instant.now().toEpochMilli();
        assertTrue(Math.abs(hour - 3_600_000) < 60_000);
    }

    @Test
    void badTtlsAndNodeIdsAreInvalidArguments() {
        for (String body :
                List.of(
                        "{\"ttl_seconds\":-1}",
                        "{\"ttl_seconds\":1.5}",
                        "{\"ttl_seconds\":604801}",
                        "{\"node_id\":\"Web_1\"}",
                        "{\"node_id\":\"-web\"}",
                        "{\"node_id\":\"" + "a".repeat(64) + "\"}",
                        "{\"node_id\":\"\"}",
                        "{\"max_uses\":0}")) {
            assertProblem(
                    api().post("api/v1/admin/tokens", admin(), body), 400, "invalid_argument");
        }
        assertEquals(
                200,
                api().post("api/v1/admin/tokens", admin(), "{\"ttl_seconds\":604800}").status());
    }

    @Test
    void theListShowsMetadataOnlyAndHidesRevokedAndUsedUnlessAsked() {
        String nodeId = node();
        JsonObject live = create("{\"node_id\":\"" + nodeId + "\"}");
        JsonObject gone = create("{}");
        JsonObject used = create("{}");
        assertEquals(
                200,
                api().delete("api/v1/admin/tokens/" + gone.getString("token_id"), admin())
                        .status());
        assertEquals(200, exchange(used.getString("join_token"), node()).status());

        var listed = api().get("api/v1/admin/tokens", admin());
        List<JsonObject> tokens =
                listed.json().getJsonArray("tokens").getValuesAs(JsonObject.class);
        JsonObject info =
                tokens.stream()
                        .filter(t -> t.getString("token_id").equals(live.getString("token_id")))
                        .findFirst()
                        .orElseThrow();
        assertEquals(nodeId, info.getString("node_id"));
        assertEquals(
                live.getJsonNumber("expires_at_epoch_ms").longValue(),
                info.getJsonNumber("expires_at_epoch_ms").longValue());
        assertFalse(info.getBoolean("expired"));
        assertFalse(listed.body().contains(live.getString("join_token")));
        assertTrue(
                tokens.stream()
                        .noneMatch(
                                t -> t.getString("token_id").equals(gone.getString("token_id"))));
        assertTrue(
                tokens.stream()
                        .noneMatch(
                                t -> t.getString("token_id").equals(used.getString("token_id"))));

        List<JsonObject> all =
                api().get("api/v1/admin/tokens?include=revoked,used", admin())
                        .json()
                        .getJsonArray("tokens")
                        .getValuesAs(JsonObject.class);
        JsonObject usedInfo =
                all.stream()
                        .filter(t -> t.getString("token_id").equals(used.getString("token_id")))
                        .findFirst()
                        .orElseThrow();
        assertEquals(1, usedInfo.getInt("uses"));
        assertFalse(usedInfo.isNull("used_by_node"));
        assertTrue(
                all.stream()
                        .anyMatch(
                                t ->
                                        t.getString("token_id").equals(gone.getString("token_id"))
                                                && t.getBoolean("revoked")));
        assertProblem(
                api().get("api/v1/admin/tokens?include=everything", admin()),
                400,
                "invalid_argument");
    }

    @Test
    void revokingAnswersEmptyAndUnknownOrBlankIdsFail() {
        JsonObject created = create("{}");
        var revoked = api().delete("api/v1/admin/tokens/" + created.getString("token_id"), admin());
        assertEquals(200, revoked.status());
        assertEquals("{}", revoked.body());
        assertProblem(
                api().delete("api/v1/admin/tokens/00000000-0000-0000-0000-000000000000", admin()),
                404,
                "not_found");
        assertProblem(api().delete("api/v1/admin/tokens/", admin()), 400, "invalid_argument");
        assertProblem(api().delete("api/v1/admin/tokens/%20", admin()), 400, "invalid_argument");
        assertProblem(
                api().delete("api/v1/admin/tokens/not-an-id", admin()), 400, "invalid_argument");
    }

    @Test
    void permissionsFollowPrexor() {
        String reader =
                api().issue(admin(), Api.unique("jr"), List.of("tokens.read")).getString("token");
        assertProblem(api().post("api/v1/admin/tokens", reader, "{}"), 403, "permission_denied");
        assertEquals(200, api().get("api/v1/admin/tokens", reader).status());
        assertProblem(
                api().delete("api/v1/admin/tokens/" + create("{}").getString("token_id"), reader),
                403,
                "permission_denied");
        assertProblem(api().post("api/v1/admin/tokens", null, "{}"), 401, "unauthenticated");
        assertProblem(api().get("api/v1/admin/tokens", null), 401, "unauthenticated");
    }

    @Test
    void aJoinTokenIsExchangedOnceForANodeCredentialThatAuthenticatesAsTheNode() {
        String nodeId = node();
        JsonObject created = create("{\"node_id\":\"" + nodeId + "\"}");
        var reply = exchange(created.getString("join_token"), nodeId);
        assertEquals(200, reply.status(), reply.body());
        JsonObject credential = reply.json();
        assertEquals(nodeId, credential.getString("node_id"));
        assertTrue(credential.getString("node_token").matches("lnd_[0-9A-Za-z]{49}"));
        JsonObject me = api().get("api/v1/whoami", credential.getString("node_token")).json();
        assertEquals("node:" + nodeId, me.getString("identity"));
        assertEquals("node", me.getString("kind"));

        var listed = api().get("api/v1/tokens?kind=node&status=active&limit=500", admin());
        assertTrue(
                listed.items().getValuesAs(JsonObject.class).stream()
                        .anyMatch(t -> t.getString("token_id").equals(me.getString("token_id"))));
        assertEquals(
                "token_used",
                assertProblem(
                                exchange(created.getString("join_token"), nodeId),
                                400,
                                "failed_precondition")
                        .string("reason"));

        assertEquals(
                200,
                api().delete("api/v1/tokens/" + me.getString("token_id"), admin()).status(),
                "revocable like any token");
        assertProblem(
                api().get("api/v1/whoami", credential.getString("node_token")),
                401,
                "token_revoked");
    }

    @Test
    void eachRefusalNamesItsReason() throws Exception {
        String nodeId = node();
        JsonObject bound = create("{\"node_id\":\"" + nodeId + "\"}");
        assertEquals(
                "node_mismatch",
                assertProblem(
                                exchange(bound.getString("join_token"), node()),
                                400,
                                "failed_precondition")
                        .string("reason"));

        JsonObject revoked = create("{}");
        api().delete("api/v1/admin/tokens/" + revoked.getString("token_id"), admin());
        assertEquals(
                "token_revoked",
                assertProblem(
                                exchange(revoked.getString("join_token"), node()),
                                400,
                                "failed_precondition")
                        .string("reason"));

        JsonObject shortLived = create("{\"ttl_seconds\":1}");
        Thread.sleep(1500);
        assertEquals(
                "token_expired",
                assertProblem(
                                exchange(shortLived.getString("join_token"), node()),
                                400,
                                "failed_precondition")
                        .string("reason"));
    }

    @Test
    void unknownOrMalformedJoinTokensAreUnauthenticated() {
        assertProblem(exchange("ljn_" + "Z".repeat(49), node()), 401, "unauthenticated");
        assertProblem(exchange("garbage", node()), 401, "unauthenticated");
        String operatorToken =
                api().issue(admin(), Api.unique("op"), List.of("tokens.read")).getString("token");
        assertProblem(exchange(operatorToken, node()), 401, "unauthenticated");
        assertProblem(
                exchange(create("{}").getString("join_token"), "Bad_Node"),
                400,
                "invalid_argument");
    }

    @Test
    void aTokenWithMaxUsesServesThatManyNodes() {
        JsonObject created = create("{\"max_uses\":2}");
        assertEquals(200, exchange(created.getString("join_token"), node()).status());
        assertEquals(200, exchange(created.getString("join_token"), node()).status());
        assertEquals(
                "token_used",
                assertProblem(
                                exchange(created.getString("join_token"), node()),
                                400,
                                "failed_precondition")
                        .string("reason"));
    }

    @Test
    void nodesRacingForOneSingleUseTokenLeaveExactlyOneWinner() throws Exception {
        String joinToken = create("{}").getString("join_token");
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String nodeId = node();
                calls.add(pool.submit(() -> exchange(joinToken, nodeId).status()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> call : calls) {
                statuses.add(call.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            assertEquals(23, statuses.stream().filter(s -> s == 400).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void createRevokeAndExchangeAreAuditedWithTheNodeId() {
        String nodeId = node();
        var created =
                api().post("api/v1/admin/tokens", admin(), "{\"node_id\":\"" + nodeId + "\"}");
        var refused = exchange(created.json().getString("join_token"), "other-" + nodeId);
        var won = exchange(created.json().getString("join_token"), nodeId);
        var events =
                api().get("api/v1/audit?limit=200", admin()).items().getValuesAs(JsonObject.class);
        for (Api.Reply reply : List.of(created, refused, won)) {
            JsonObject event =
                    events.stream()
                            .filter(
                                    e ->
                                            reply.header("X-Request-Id")
                                                    .equals(e.getString("request_id", null)))
                            .findFirst()
                            .orElseThrow();
            assertTrue(event.getString("detail").contains(nodeId), event.toString());
            assertFalse(event.toString().contains(created.json().getString("join_token")));
        }
    }

    @Test
    void theListComesInKeysetPages() {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, api().post("api/v1/admin/tokens", admin(), "{}").status());
        }
        var first = api().get("api/v1/admin/tokens?limit=2", admin());
        assertEquals(2, first.json().getJsonArray("tokens").size());
        String cursor = first.string("next_cursor");
        var second = api().get("api/v1/admin/tokens?limit=2&cursor=" + cursor, admin());
        assertEquals(200, second.status(), second.body());
        assertTrue(
                second.json().getJsonArray("tokens").stream()
                        .noneMatch(t -> first.json().getJsonArray("tokens").contains(t)),
                "the second page continues after the first");
    }
}
