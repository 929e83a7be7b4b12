package dev.latch.tokens;

import static dev.latch.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latch.support.Api;
import dev.latch.support.Database;
import dev.latch.support.LatchIT;
import dev.latch.users.SessionsIT;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/v1/tokens/revoke-selected}: what each criterion selects, the dry run, the
 * revocation and its audit events, what stays out of reach, bad input, and the cap (20 in the test
 * server, LATCH_TOKENS_REVOKE_SELECTED_MAX). Every selector names this test's own credentials, as
 * other tests share the database.
 */
class RevokeSelectedIT extends LatchIT {

    private static final String PATH = "api/v1/tokens/revoke-selected";

    /** An operator user signed in: its session, and what it issues is held by it. */
    private record Operator(String id, String username, String session) {}

    private Operator operator() {
        JsonObject user = SessionsIT.user(api(), "operator");
        String username = user.getString("username");
        return new Operator(
                user.getString("id"),
                username,
                SessionsIT.login(api(), username, SessionsIT.PASSWORD));
    }

    private Api.Reply select(String caller, String selector, boolean dryRun) {
        return api().post(
                        PATH,
                        caller,
                        "{\"selector\":"
                                + selector
                                + ",\"reason\":\"clean-up after the test\",\"dry_run\":"
                                + dryRun
                                + "}");
    }

    private JsonObject selected(String caller, String selector, boolean dryRun) {
        Api.Reply reply = select(caller, selector, dryRun);
        assertEquals(200, reply.status(), reply.body());
        return reply.json();
    }

    private static Set<String> ids(JsonObject answer) {
        return answer.getJsonArray("first_page").getValuesAs(JsonObject.class).stream()
                .map(t -> t.getString("token_id"))
                .collect(Collectors.toSet());
    }

    private static String prefix() {
        return "sel" + UUID.randomUUID().toString().substring(0, 8) + "-";
    }

    private JsonObject issue(String caller, String name, List<String> permissions) {
        return api().issue(caller, name, permissions);
    }

    private static void dated(String id, Instant issuedAt, Instant lastUsedAt) throws Exception {
        try (Connection db = Database.connect();
                PreparedStatement update =
                        db.prepareStatement(
                                "update token set issued_at = ?, last_used_at = ? where id = ?")) {
            update.setTimestamp(1, Timestamp.from(issuedAt));
            update.setTimestamp(2, lastUsedAt == null ? null : Timestamp.from(lastUsedAt));
            update.setObject(3, UUID.fromString(id));
            assertEquals(1, update.executeUpdate());
        }
    }

    private static String selector(String... pairs) {
        var json = Json.createObjectBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            json.add(pairs[i], pairs[i + 1]);
        }
        return json.build().toString();
    }

    @Test
    void ownerKindAndIssuerSelectAcrossTokensSessionsAndMintedJwts() {
        Operator alice = operator();
        Operator bob = operator();
        String a1 =
                issue(alice.session(), prefix() + "a", List.of("tokens.read"))
                        .getString("token_id");
        String a2 =
                issue(alice.session(), prefix() + "b", List.of("tokens.read"))
                        .getString("token_id");
        String minted =
                api().mint(alice.session(), "{\"scope\":\"tokens.read\",\"aud\":\"latch\"}")
                        .getString("jti");
        String aliceSession = api().get("api/v1/whoami", alice.session()).string("token_id");
        issue(bob.session(), prefix() + "c", List.of("tokens.read"));

        JsonObject byOwner = selected(admin(), selector("owner", alice.id()), true);
        assertEquals(4, byOwner.getInt("matched"), byOwner.toString());
        assertEquals(Set.of(a1, a2, minted, aliceSession), ids(byOwner));

        JsonObject sessions =
                selected(admin(), selector("owner", alice.id(), "kind", "session"), true);
        assertEquals(Set.of(aliceSession), ids(sessions));
        JsonObject operators =
                selected(admin(), selector("owner", alice.id(), "kind", "operator"), true);
        assertEquals(Set.of(a1, a2), ids(operators));
        JsonObject mintedOnly =
                selected(admin(), selector("owner", alice.id(), "kind", "minted"), true);
        assertEquals(Set.of(minted), ids(mintedOnly));

        JsonObject byIssuer = selected(admin(), selector("issued_by", alice.username()), true);
        assertTrue(ids(byIssuer).containsAll(Set.of(a1, a2, minted)), byIssuer.toString());
        byIssuer.getJsonArray("first_page")
                .getValuesAs(JsonObject.class)
                .forEach(t -> assertEquals(alice.username(), t.getString("created_by")));
    }

    @Test
    void namePrefixAndIssueDatesSelectByNameAndAge() throws Exception {
        String p = prefix();
        String old = issue(admin(), p + "old", List.of("tokens.read")).getString("token_id");
        String mid = issue(admin(), p + "mid", List.of("tokens.read")).getString("token_id");
        String fresh = issue(admin(), p + "new", List.of("tokens.read")).getString("token_id");
        issue(admin(), prefix() + "other", List.of("tokens.read"));
        Instant now = Instant.now();
        dated(old, now.minus(Duration.ofDays(10)), null);
        dated(mid, now.minus(Duration.ofDays(5)), null);

        JsonObject byName = selected(admin(), selector("name_prefix", p), true);
        assertEquals(3, byName.getInt("matched"));
        assertEquals(
                List.of(old, mid, fresh),
                byName.getJsonArray("first_page").getValuesAs(JsonObject.class).stream()
                        .map(t -> t.getString("token_id"))
                        .toList(),
                "oldest issue first");

        String cut = now.minus(Duration.ofDays(7)).toString();
        assertEquals(
                Set.of(old),
                ids(selected(admin(), selector("name_prefix", p, "created_before", cut), true)));
        assertEquals(
                Set.of(mid, fresh),
                ids(selected(admin(), selector("name_prefix", p, "created_after", cut), true)));
        assertEquals(
                Set.of(mid),
                ids(
                        selected(
                                admin(),
                                selector(
                                        "name_prefix",
                                        p,
                                        "created_after",
                                        cut,
                                        "created_before",
                                        now.minus(Duration.ofDays(1)).toString()),
                                true)));
    }

    @Test
    void unusedForTakesOldCredentialsNotUsedSince() throws Exception {
        String p = prefix();
        String neverUsed =
                issue(admin(), p + "never", List.of("tokens.read")).getString("token_id");
        String usedLongAgo =
                issue(admin(), p + "long", List.of("tokens.read")).getString("token_id");
        String usedLately =
                issue(admin(), p + "lately", List.of("tokens.read")).getString("token_id");
        String issuedLately =
                issue(admin(), p + "young", List.of("tokens.read")).getString("token_id");
        Instant now = Instant.now();
        dated(neverUsed, now.minus(Duration.ofDays(60)), null);
        dated(usedLongAgo, now.minus(Duration.ofDays(60)), now.minus(Duration.ofDays(40)));
        dated(usedLately, now.minus(Duration.ofDays(60)), now.minus(Duration.ofDays(1)));
        dated(issuedLately, now.minus(Duration.ofDays(1)), null);

        JsonObject unused =
                selected(admin(), selector("name_prefix", p, "unused_for", "30d"), true);
        assertEquals(Set.of(neverUsed, usedLongAgo), ids(unused));
        assertEquals(2, unused.getInt("matched"));
    }

    @Test
    void unusedForNeverTakesACredentialWhoseUsesWereNotRecorded() throws Exception {
        String p = prefix();
        String unknown =
                issue(admin(), p + "unknown", List.of("tokens.read")).getString("token_id");
        dated(unknown, Instant.now().minus(Duration.ofDays(60)), null);
        try (Connection db = Database.connect();
                PreparedStatement update =
                        db.prepareStatement("update token set use_recorded = false where id = ?")) {
            update.setObject(1, UUID.fromString(unknown));
            assertEquals(1, update.executeUpdate());
        }

        JsonObject unused =
                selected(admin(), selector("name_prefix", p, "unused_for", "30d"), true);

        assertEquals(0, unused.getInt("matched"), "nobody knows whether it was used");
    }

    @Test
    void nodeIdSelectsThatNodesCredentialOnly() {
        String node = "sel-" + UUID.randomUUID().toString().substring(0, 8);
        String join =
                api().post("api/v1/admin/tokens", admin(), "{\"node_id\":\"" + node + "\"}")
                        .string("join_token");
        String credential =
                api().post(
                                "api/v1/bootstrap/exchange",
                                null,
                                "{\"join_token\":\"" + join + "\",\"node_id\":\"" + node + "\"}")
                        .string("node_token");
        String credentialId = api().get("api/v1/whoami", credential).string("token_id");

        JsonObject nodes = selected(admin(), selector("node_id", node, "kind", "node"), true);
        assertEquals(Set.of(credentialId), ids(nodes));
        JsonObject any = selected(admin(), selector("node_id", node), true);
        any.getJsonArray("first_page")
                .getValuesAs(JsonObject.class)
                .forEach(t -> assertTrue(Set.of("node", "join").contains(t.getString("kind"))));
        assertEquals(
                0,
                selected(admin(), selector("node_id", node, "kind", "session"), true)
                        .getInt("matched"));

        JsonObject revoked = selected(admin(), selector("node_id", node, "kind", "node"), false);
        assertEquals(1, revoked.getInt("revoked"));
        assertProblem(api().get("api/v1/whoami", credential), 401, "token_revoked");
    }

    @Test
    void aDryRunRevokesNothingAndTheRealCallRevokesWithAnEventForEach() {
        Operator alice = operator();
        String token =
                issue(alice.session(), prefix() + "t", List.of("tokens.read")).getString("token");
        String tokenId = api().get("api/v1/whoami", token).string("token_id");
        JsonObject mint =
                api().mint(alice.session(), "{\"scope\":\"tokens.read\",\"aud\":\"latch\"}");
        String sessionId = api().get("api/v1/whoami", alice.session()).string("token_id");
        String owner = selector("owner", alice.id());

        JsonObject dry = selected(admin(), owner, true);
        assertEquals(true, dry.getBoolean("dry_run"));
        assertEquals(3, dry.getInt("matched"));
        assertEquals(0, dry.getInt("revoked"));
        assertEquals(3, dry.getInt("would_revoke"));
        assertEquals(0, dry.getInt("out_of_reach"));
        assertEquals(0, dry.getInt("remaining"));
        for (String credential : List.of(token, mint.getString("token"), alice.session())) {
            assertEquals(200, api().get("api/v1/whoami", credential).status(), "dry run");
        }
        assertEquals(0, events("token.revoke", "token:" + tokenId).size(), "nothing revoked");

        JsonObject real = selected(admin(), owner, false);
        assertEquals(false, real.getBoolean("dry_run"));
        assertEquals(3, real.getInt("revoked"));
        real.getJsonArray("first_page")
                .getValuesAs(JsonObject.class)
                .forEach(t -> assertEquals("revoked", t.getString("status")));
        for (String credential : List.of(token, mint.getString("token"), alice.session())) {
            assertProblem(api().get("api/v1/whoami", credential), 401, "token_revoked");
        }
        assertEquals(0, selected(admin(), owner, true).getInt("matched"), "none left alive");

        List<JsonObject> calls = events("token.revoke_selected", "selector");
        assertTrue(
                calls.stream()
                        .anyMatch(
                                e ->
                                        e.getString("detail")
                                                        .startsWith(
                                                                "revoked 3 of 3 matched, 0 out of"
                                                                        + " reach, 0 remaining;"
                                                                        + " selector {owner="
                                                                        + alice.id()
                                                                        + "}")
                                                && e.getString("detail")
                                                        .endsWith(
                                                                "reason: clean-up after the test")),
                calls.toString());
        assertTrue(
                calls.stream()
                        .anyMatch(
                                e ->
                                        e.getString("detail")
                                                .startsWith("dry run: would revoke 3 of 3")),
                "the dry run's own event");
        assertEquals(1, events("token.revoke", "token:" + tokenId).size());
        assertEquals(1, events("jwt.revoke", "jwt:" + mint.getString("jti")).size());
        assertEquals(1, events("jwt.revoke", "jwt:" + sessionId).size());
    }

    @Test
    void twoCallsAtOnceRevokeAndAuditEachCredentialOnce() throws Exception {
        String p = prefix();
        List<String> ids =
                java.util.stream.IntStream.range(0, 15)
                        .mapToObj(i -> issue(admin(), p + i, List.of("tokens.read")))
                        .map(t -> t.getString("token_id"))
                        .toList();
        String selector = selector("name_prefix", p);
        var first =
                java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> selected(admin(), selector, false));
        var second =
                java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> selected(admin(), selector, false));

        int revoked = first.get().getInt("revoked") + second.get().getInt("revoked");

        assertEquals(15, revoked, first.get() + " / " + second.get());
        for (String id : ids) {
            assertEquals(1, events("token.revoke", "token:" + id).size(), id);
        }
    }

    private List<JsonObject> events(String action, String target) {
        var reply = api().get("api/v1/audit?action=" + action + "&target=" + target, admin());
        assertEquals(200, reply.status(), reply.body());
        return reply.items().getValuesAs(JsonObject.class);
    }

    @Test
    void whatTheCallerCouldNotRevokeOneByOneStaysAndIsCountedOutOfReach() {
        String p = prefix();
        String adminsToken = issue(admin(), p + "admin", List.of("admin")).getString("token");
        issue(admin(), p + "reader", List.of("tokens.read"));
        Operator carol = operator();
        String carolsToken =
                issue(carol.session(), p + "carol", List.of("tokens.read")).getString("token");
        Operator dave = operator();

        JsonObject dry = selected(dave.session(), selector("name_prefix", p), true);
        assertEquals(3, dry.getInt("matched"));
        assertEquals(2, dry.getInt("would_revoke"));
        assertEquals(1, dry.getInt("out_of_reach"));

        JsonObject real = selected(dave.session(), selector("name_prefix", p), false);
        assertEquals(2, real.getInt("revoked"));
        assertEquals(1, real.getInt("out_of_reach"));
        assertEquals(0, real.getInt("remaining"));
        assertEquals(200, api().get("api/v1/whoami", adminsToken).status(), "an admin's stays");
        assertProblem(api().get("api/v1/whoami", carolsToken), 401, "token_revoked");

        // a session is its owner's or an admin's to end (pangolin), by selector too
        JsonObject sessions =
                selected(dave.session(), selector("owner", carol.id(), "kind", "session"), false);
        assertEquals(0, sessions.getInt("revoked"));
        assertEquals(1, sessions.getInt("out_of_reach"));
        assertEquals(200, api().get("api/v1/whoami", carol.session()).status());
    }

    @Test
    void theCapRevokesTwentyAndLeavesTheRestForTheNextCall() {
        String p = prefix();
        for (int i = 0; i < 25; i++) {
            issue(admin(), p + i, List.of("tokens.read"));
        }
        String byName = selector("name_prefix", p);
        JsonObject dry = selected(admin(), byName, true);
        assertEquals(25, dry.getInt("matched"));
        assertEquals(20, dry.getInt("would_revoke"));
        assertEquals(5, dry.getInt("remaining"));
        assertEquals(20, dry.getJsonArray("first_page").size());

        JsonObject first = selected(admin(), byName, false);
        assertEquals(20, first.getInt("revoked"));
        assertEquals(5, first.getInt("remaining"));
        JsonObject second = selected(admin(), byName, false);
        assertEquals(5, second.getInt("matched"));
        assertEquals(5, second.getInt("revoked"));
        assertEquals(0, second.getInt("remaining"));
    }

    @Test
    void badInputIsA400AndNoTokensManageA403() {
        String p = prefix();
        for (String body :
                List.of(
                        "{\"reason\":\"r\"}",
                        "{\"selector\":{},\"reason\":\"r\"}",
                        "{\"selector\":{\"name_prefix\":\"" + p + "\"}}",
                        "{\"selector\":{\"name_prefix\":\"" + p + "\"},\"reason\":\"  \"}",
                        "{\"selector\":{\"name_prefix\":\""
                                + p
                                + "\"},\"reason\":\""
                                + "r".repeat(501)
                                + "\"}",
                        "{\"selector\":{\"name_prefix\":\""
                                + p
                                + "\"},\"reason\":\"r\",\"dry_run\":\"yes\"}",
                        "{\"selector\":{\"name_prefix\":\""
                                + p
                                + "\"},\"reason\":\"r\",\"dry_run\":null}",
                        "{\"selector\":{\"name_prefix\":\"" + p + "\"},\"reason\":\"r\"}",
                        "{\"selector\":{\"name_prefix\":\""
                                + p
                                + "\",\"colour\":\"red\"},\"reason\":\"r\"}",
                        "{\"selector\":{\"name_prefix\":\"\"},\"reason\":\"r\"}",
                        "{\"selector\":{\"owner\":\"alice\"},\"reason\":\"r\"}",
                        "{\"selector\":{\"kind\":\"cookie\"},\"reason\":\"r\"}",
                        "{\"selector\":{\"node_id\":\"Web_1\"},\"reason\":\"r\"}",
                        "{\"selector\":{\"unused_for\":\"1week\"},\"reason\":\"r\"}",
                        "{\"selector\":{\"unused_for\":\"0d\"},\"reason\":\"r\"}",
                        "{\"selector\":{\"unused_for\":\"999999999d\"},\"reason\":\"r\"}",
                        "{\"selector\":{\"created_before\":\"yesterday\"},\"reason\":\"r\"}",
                        "{\"selector\":{\"created_after\":\"-5000-01-01T00:00:00Z\"},\"reason\":\"r\"}",
                        "{\"selector\":{\"issued_by\":5},\"reason\":\"r\"}",
                        "{\"selector\":[],\"reason\":\"r\"}")) {
            assertProblem(api().post(PATH, admin(), body), 400, "invalid_argument");
        }
        assertTrue(
                api().post(
                                PATH,
                                admin(),
                                "{\"selector\":{\"name_prefix\":\"\"},\"reason\":\"r\",\"dry_run\":true}")
                        .string("detail")
                        .startsWith("name_prefix "),
                "the field as the client named it");
        String viewer =
                SessionsIT.login(
                        api(),
                        SessionsIT.user(api(), "viewer").getString("username"),
                        SessionsIT.PASSWORD);
        assertProblem(select(viewer, selector("name_prefix", p), true), 403, "permission_denied");
    }

    @Test
    void theOpenApiDocumentDescribesTheEndpoint() {
        // JSON: YAML may fold a long description across lines
        String document = api().get("openapi?format=JSON", null).body();
        assertTrue(document.contains("\"/api/v1/tokens/revoke-selected\""), "the path");
        assertTrue(document.contains("counted as out_of_reach"), "the rule, in words");
        for (String field :
                List.of(
                        "name_prefix",
                        "unused_for",
                        "out_of_reach",
                        "would_revoke",
                        "first_page")) {
            assertTrue(document.contains("\"" + field + "\""), field);
        }
    }
}
