package dev.latch.tokens;

import static dev.latch.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latch.support.Api;
import dev.latch.support.LatchIT;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Operator tokens over HTTP: issue, list, get, revoke, revoke by name, purge, rotate. */
class TokensIT extends LatchIT {

    private static List<String> strings(JsonObject o, String field) {
        return o.getJsonArray(field).getValuesAs(JsonString::getString);
    }

    @Test
    void issuingReturnsTheSecretOnceInTheContractsShape() {
        String name = Api.unique("ci-deploy");
        var reply =
                api().post(
                                "api/v1/tokens",
                                admin(),
                                "{\"name\":\""
                                        + name
                                        + "\",\"permissions\":[\"tokens.read\"],\"ttl\":\"24h\",\"description\":\"CI\"}");
        assertEquals(201, reply.status(), reply.body());
        JsonObject issued = reply.json();
        assertEquals(name, issued.getString("name"));
        assertTrue(issued.getString("token").matches("lop_[0-9A-Za-z]{49}"));
        assertEquals(List.of("tokens.read"), strings(issued, "permissions"));
        assertFalse(issued.getBoolean("allows_privileged"));
        Instant issuedAt = Instant.parse(issued.getString("issued_at"));
        assertEquals(
                Duration.ofHours(24),
                Duration.between(issuedAt, Instant.parse(issued.getString("expires_at"))));
        assertTrue(
                reply.header("Location")
                        .endsWith("/api/v1/tokens/" + issued.getString("token_id")));

        JsonObject shown =
                api().get("api/v1/tokens/" + issued.getString("token_id"), admin()).json();
        assertFalse(shown.containsKey("token"), "a later response never repeats the secret");
        assertFalse(shown.toString().contains(issued.getString("token")));
        assertEquals(issued.getString("token").substring(49), shown.getString("hint"));
        assertEquals("active", shown.getString("status"));
        assertEquals("bootstrap", shown.getString("created_by"));
        assertEquals("CI", shown.getString("description"));
    }

    @Test
    void withoutPermissionsATokenGetsTheIssuersMinusAdminAndTheDefaultTtl() {
        JsonObject issued =
                api().post("api/v1/tokens", admin(), "{\"name\":\"" + Api.unique("d") + "\"}")
                        .json();
        assertEquals(
                List.of(
                        "tokens.read",
                        "tokens.manage",
                        "users.manage",
                        "keys.manage",
                        "jwt.mint",
                        "audit.read",
                        "metrics.read"),
                strings(issued, "permissions"));
        Duration ttl =
                Duration.between(
                        Instant.parse(issued.getString("issued_at")),
                        Instant.parse(issued.getString("expires_at")));
        assertEquals(Duration.ofDays(90), ttl);
    }

    @Test
    void aNewTokenIsUsableAtOnce() {
        JsonObject issued = api().issue(admin(), Api.unique("use"), List.of("tokens.read"));
        assertEquals(200, api().get("api/v1/tokens", issued.getString("token")).status());
    }

    @Test
    void anActiveDuplicateNameIsAConflict() {
        String name = Api.unique("dup");
        api().issue(admin(), name, List.of("tokens.read"));
        var reply = api().post("api/v1/tokens", admin(), "{\"name\":\"" + name + "\"}");
        assertProblem(reply, 409, "duplicate_identity");
    }

    @Test
    void concurrentIssuesOfOneNameLetExactlyOneWin() throws Exception {
        String name = Api.unique("race");
        String body = "{\"name\":\"" + name + "\",\"permissions\":[\"tokens.read\"]}";
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                calls.add(pool.submit(() -> api().post("api/v1/tokens", admin(), body).status()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> call : calls) {
                statuses.add(call.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(31, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        var listed = api().get("api/v1/tokens?status=all&name=" + name, admin()).items();
        assertEquals(1, listed.size());
    }

    @Test
    void aTokenCannotBeGivenMoreThanItsIssuerHolds() {
        String manager =
                api().issue(admin(), Api.unique("mgr"), List.of("tokens.read", "tokens.manage"))
                        .getString("token");
        assertProblem(
                api().post(
                                "api/v1/tokens",
                                manager,
                                "{\"name\":\""
                                        + Api.unique("x")
                                        + "\",\"permissions\":[\"audit.read\"]}"),
                403,
                "permission_denied");
        assertProblem(
                api().post(
                                "api/v1/tokens",
                                manager,
                                "{\"name\":\""
                                        + Api.unique("x")
                                        + "\",\"permissions\":[\"admin\"]}"),
                403,
                "permission_denied");
        assertEquals(
                201,
                api().post(
                                "api/v1/tokens",
                                manager,
                                "{\"name\":\""
                                        + Api.unique("x")
                                        + "\",\"permissions\":[\"tokens.read\"]}")
                        .status());
    }

    @Test
    void onlyAnAdminOrAPrivilegedTokenMayIssueAPrivilegedToken() {
        String manager =
                api().issue(admin(), Api.unique("mgr"), List.of("tokens.read", "tokens.manage"))
                        .getString("token");
        String privileged =
                "{\"name\":\"%s\",\"permissions\":[\"tokens.read\"],\"allow_privileged\":true}";
        assertProblem(
                api().post("api/v1/tokens", manager, privileged.formatted(Api.unique("p"))),
                403,
                "permission_denied");

        var byAdmin =
                api().post(
                                "api/v1/tokens",
                                admin(),
                                "{\"name\":\""
                                        + Api.unique("infra")
                                        + "\",\"permissions\":[\"tokens.read\",\"tokens.manage\"],\"allow_privileged\":true}");
        assertEquals(201, byAdmin.status(), byAdmin.body());
        assertTrue(byAdmin.json().getBoolean("allows_privileged"));
        String privilegedManager = byAdmin.json().getString("token");
        assertEquals(
                201,
                api().post(
                                "api/v1/tokens",
                                privilegedManager,
                                privileged.formatted(Api.unique("p")))
                        .status());
    }

    @Test
    void badNamesPermissionsAndTtlsAreInvalidArguments() {
        assertProblem(
                api().post("api/v1/tokens", admin(), "{\"name\":\"Alice\"}"),
                400,
                "invalid_argument");
        assertProblem(
                api().post("api/v1/tokens", admin(), "{\"name\":\"-x\"}"), 400, "invalid_argument");
        assertProblem(
                api().post("api/v1/tokens", admin(), "{\"name\":\"" + "a".repeat(64) + "\"}"),
                400,
                "invalid_argument");
        assertProblem(
                api().post("api/v1/tokens", admin(), "{\"permissions\":[]}"),
                400,
                "invalid_argument");
        var unknown =
                assertProblem(
                        api().post(
                                        "api/v1/tokens",
                                        admin(),
                                        "{\"name\":\"u\",\"permissions\":[\"root\"]}"),
                        400,
                        "invalid_argument");
        assertEquals("unknown permission \"root\"", unknown.string("detail"));
        var week =
                assertProblem(
                        api().post("api/v1/tokens", admin(), "{\"name\":\"w\",\"ttl\":\"1week\"}"),
                        400,
                        "invalid_argument");
        assertEquals(
                "invalid ttl \"1week\" — expected e.g. 90d, 24h, 30m, 60s", week.string("detail"));
        var zero =
                assertProblem(
                        api().post("api/v1/tokens", admin(), "{\"name\":\"w\",\"ttl\":\"0s\"}"),
                        400,
                        "invalid_argument");
        assertEquals("invalid ttl \"0s\" — must be > 0", zero.string("detail"));
        var cap =
                assertProblem(
                        api().post("api/v1/tokens", admin(), "{\"name\":\"w\",\"ttl\":\"366d\"}"),
                        400,
                        "invalid_argument");
        assertEquals("ttl \"366d\" exceeds 365d cap", cap.string("detail"));
        assertEquals(
                201,
                api().post(
                                "api/v1/tokens",
                                admin(),
                                "{\"name\":\"" + Api.unique("a.b_c:d@e") + "\",\"ttl\":\"365d\"}")
                        .status());
    }

    @Test
    void theListFiltersByStatusKindAndNameAndNeverShowsASecret() {
        JsonObject kept = api().issue(admin(), Api.unique("kept"), List.of("tokens.read"));
        JsonObject gone = api().issue(admin(), Api.unique("gone"), List.of("tokens.read"));
        api().delete("api/v1/tokens/" + gone.getString("token_id"), admin());

        var active = api().get("api/v1/tokens?status=active&kind=operator&limit=500", admin());
        assertTrue(ids(active).contains(kept.getString("token_id")));
        assertFalse(ids(active).contains(gone.getString("token_id")));
        var revoked = api().get("api/v1/tokens?status=revoked&limit=500", admin());
        assertTrue(ids(revoked).contains(gone.getString("token_id")));
        assertFalse(ids(revoked).contains(kept.getString("token_id")));

        var byName = api().get("api/v1/tokens?name=" + kept.getString("name"), admin());
        assertEquals(List.of(kept.getString("token_id")), ids(byName));
        JsonObject item = byName.items().getJsonObject(0);
        for (String field :
                List.of(
                        "token_id",
                        "name",
                        "kind",
                        "issued_at",
                        "expires_at",
                        "revoked_at",
                        "last_used_at",
                        "permissions",
                        "allows_privileged",
                        "created_by",
                        "hint")) {
            assertTrue(item.containsKey(field), field);
        }
        assertFalse(item.containsKey("token"));
        assertFalse(byName.body().contains(kept.getString("token")));
        assertFalse(item.toString().contains("hash"));

        assertProblem(api().get("api/v1/tokens?status=bogus", admin()), 400, "invalid_argument");
        assertProblem(api().get("api/v1/tokens?kind=bogus", admin()), 400, "invalid_argument");
    }

    @Test
    void theListPagesWithACursorUntilItEnds() {
        String prefix = Api.unique("page");
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            created.add(
                    api().issue(admin(), prefix + "-" + i, List.of("tokens.read"))
                            .getString("token_id"));
        }
        Set<String> seen = new HashSet<>();
        Instant previous = Instant.MAX;
        String cursor = null;
        int pages = 0;
        do {
            var page =
                    api().get(
                                    "api/v1/tokens?limit=2"
                                            + (cursor == null ? "" : "&cursor=" + cursor),
                                    admin());
            assertEquals(200, page.status(), page.body());
            assertTrue(page.items().size() <= 2);
            for (JsonObject item : page.items().getValuesAs(JsonObject.class)) {
                assertTrue(seen.add(item.getString("token_id")), "no token twice across pages");
                Instant issued = Instant.parse(item.getString("issued_at"));
                assertFalse(issued.isAfter(previous), "newest first");
                previous = issued;
            }
            cursor =
                    page.json().isNull("next_cursor") ? null : page.json().getString("next_cursor");
            pages++;
        } while (cursor != null && pages < 10_000);
        // the sweep may purge other tests' expired tokens meanwhile, so only ours are counted
        assertTrue(seen.containsAll(created));
        assertProblem(api().get("api/v1/tokens?limit=0", admin()), 400, "invalid_argument");
        assertProblem(api().get("api/v1/tokens?limit=501", admin()), 400, "invalid_argument");
        assertProblem(api().get("api/v1/tokens?limit=ten", admin()), 400, "invalid_argument");
        assertProblem(api().get("api/v1/tokens?cursor=bm9wZQ", admin()), 400, "invalid_argument");
    }

    @Test
    void revokingStopsTheTokenAtOnceAndIsIdempotent() {
        JsonObject issued = api().issue(admin(), Api.unique("rev"), List.of("tokens.read"));
        String token = issued.getString("token");
        String path = "api/v1/tokens/" + issued.getString("token_id");
        assertEquals(200, api().get("api/v1/whoami", token).status());

        var first = api().delete(path, admin());
        assertEquals(200, first.status(), first.body());
        assertEquals("revoked", first.string("status"));
        assertEquals("bootstrap", first.string("revoked_by"));
        assertNotNull(first.string("revoked_at"));
        assertProblem(api().get("api/v1/whoami", token), 401, "token_revoked");

        var second = api().delete(path, admin());
        assertEquals(200, second.status());
        assertEquals(first.string("revoked_at"), second.string("revoked_at"));
    }

    @Test
    void revokingAnUnknownOrMalformedIdFails() {
        assertProblem(
                api().delete("api/v1/tokens/00000000-0000-0000-0000-000000000000", admin()),
                404,
                "not_found");
        assertProblem(api().delete("api/v1/tokens/not-a-uuid", admin()), 400, "invalid_argument");
        assertProblem(
                api().get("api/v1/tokens/00000000-0000-0000-0000-000000000000", admin()),
                404,
                "not_found");
    }

    @Test
    void revokingByNameStopsTheHolderAndFreesTheName() {
        String name = Api.unique("alice");
        String token = api().issue(admin(), name, List.of("tokens.read")).getString("token");
        var reply = api().post("api/v1/tokens/revoke", admin(), "{\"name\":\"" + name + "\"}");
        assertEquals(200, reply.status(), reply.body());
        assertEquals(1, reply.json().getJsonArray("revoked").size());
        assertProblem(api().get("api/v1/whoami", token), 401, "token_revoked");
        assertEquals(
                201, api().post("api/v1/tokens", admin(), "{\"name\":\"" + name + "\"}").status());
        assertProblem(
                api().post(
                                "api/v1/tokens/revoke",
                                admin(),
                                "{\"name\":\"" + Api.unique("nobody") + "\"}"),
                404,
                "not_found");
    }

    @Test
    void purgingRemovesTheRecordAndNeedsAdmin() {
        JsonObject issued = api().issue(admin(), Api.unique("purge"), List.of("tokens.read"));
        String path = "api/v1/tokens/" + issued.getString("token_id");
        String manager =
                api().issue(admin(), Api.unique("mgr"), List.of("tokens.read", "tokens.manage"))
                        .getString("token");
        assertProblem(api().delete(path + "?purge=true", manager), 403, "permission_denied");
        assertEquals(200, api().get(path, admin()).status(), "a denied purge removes nothing");

        assertEquals(204, api().delete(path + "?purge=true", admin()).status());
        assertProblem(api().get(path, admin()), 404, "not_found");
        assertProblem(
                api().get("api/v1/whoami", issued.getString("token")), 401, "unauthenticated");
        assertProblem(api().delete(path + "?purge=maybe", admin()), 400, "invalid_argument");
    }

    @Test
    void rotatingWithAGraceKeepsTheOldSecretWorkingUntilTheGraceEnds() throws Exception {
        String name = Api.unique("rot");
        JsonObject old = api().issue(admin(), name, List.of("tokens.read"));
        var rotated =
                api().post(
                                "api/v1/tokens/" + old.getString("token_id") + "/rotate",
                                admin(),
                                "{\"grace\":\"3s\"}");
        assertEquals(201, rotated.status(), rotated.body());
        JsonObject fresh = rotated.json();
        assertEquals(name, fresh.getString("name"));
        assertEquals(List.of("tokens.read"), strings(fresh, "permissions"));
        assertNotEquals(old.getString("token"), fresh.getString("token"));
        assertNotEquals(old.getString("token_id"), fresh.getString("token_id"));

        assertEquals(200, api().get("api/v1/whoami", old.getString("token")).status());
        assertEquals(200, api().get("api/v1/whoami", fresh.getString("token")).status());
        JsonObject oldView =
                api().get("api/v1/tokens/" + old.getString("token_id"), admin()).json();
        assertEquals(fresh.getString("token_id"), oldView.getString("replaced_by"));

        Thread.sleep(3500);
        assertProblem(api().get("api/v1/whoami", old.getString("token")), 401, "token_expired");
        assertEquals(200, api().get("api/v1/whoami", fresh.getString("token")).status());
    }

    @Test
    void rotatingWithoutAGraceStopsTheOldSecretAtOnce() {
        JsonObject old = api().issue(admin(), Api.unique("rot0"), List.of("tokens.read"));
        var rotated =
                api().post("api/v1/tokens/" + old.getString("token_id") + "/rotate", admin(), "{}");
        assertEquals(201, rotated.status(), rotated.body());
        assertProblem(api().get("api/v1/whoami", old.getString("token")), 401, "token_revoked");
        assertEquals(200, api().get("api/v1/whoami", rotated.json().getString("token")).status());
    }

    @Test
    void rotationRefusesLongGracesDeadTokensAndWiderPermissions() {
        JsonObject old =
                api().issue(admin(), Api.unique("rotx"), List.of("tokens.read", "audit.read"));
        String path = "api/v1/tokens/" + old.getString("token_id") + "/rotate";
        var longGrace =
                assertProblem(
                        api().post(path, admin(), "{\"grace\":\"8d\"}"), 400, "invalid_argument");
        assertEquals("grace \"8d\" exceeds 7d cap", longGrace.string("detail"));

        String manager =
                api().issue(admin(), Api.unique("mgr"), List.of("tokens.read", "tokens.manage"))
                        .getString("token");
        assertProblem(api().post(path, manager, "{}"), 403, "permission_denied");

        api().delete("api/v1/tokens/" + old.getString("token_id"), admin());
        var dead = assertProblem(api().post(path, admin(), "{}"), 400, "failed_precondition");
        assertEquals("token_revoked", dead.string("reason"));
        assertProblem(
                api().post(
                                "api/v1/tokens/00000000-0000-0000-0000-000000000000/rotate",
                                admin(),
                                "{}"),
                404,
                "not_found");
    }

    @Test
    void anExpiredTokenStopsWorkingAndFreesItsName() throws Exception {
        String name = Api.unique("short");
        var reply =
                api().post(
                                "api/v1/tokens",
                                admin(),
                                "{\"name\":\""
                                        + name
                                        + "\",\"permissions\":[\"tokens.read\"],\"ttl\":\"2s\"}");
        String token = reply.json().getString("token");
        assertEquals(200, api().get("api/v1/whoami", token).status());
        Thread.sleep(2500);
        assertProblem(api().get("api/v1/whoami", token), 401, "token_expired");
        var listed = api().get("api/v1/tokens?status=expired&name=" + name, admin());
        assertEquals(1, listed.items().size());
        assertEquals("expired", listed.items().getJsonObject(0).getString("status"));
        assertEquals(
                201, api().post("api/v1/tokens", admin(), "{\"name\":\"" + name + "\"}").status());
    }

    @Test
    void useIsRecordedAsLastUsedAtByTheNextFlush() throws InterruptedException {
        JsonObject issued = api().issue(admin(), Api.unique("used"), List.of("tokens.read"));
        String path = "api/v1/tokens/" + issued.getString("token_id");
        assertTrue(api().get(path, admin()).json().isNull("last_used_at"));
        api().get("api/v1/whoami", issued.getString("token"));
        // noted on the request, written by the timer (every second in the tests)
        for (int waited = 0;
                waited < 40 && api().get(path, admin()).json().isNull("last_used_at");
                waited++) {
            Thread.sleep(250);
        }
        assertFalse(api().get(path, admin()).json().isNull("last_used_at"));
    }

    @Test
    void readingNeedsTokensReadAndChangingNeedsTokensManage() {
        String auditor =
                api().issue(admin(), Api.unique("aud"), List.of("audit.read")).getString("token");
        assertProblem(api().get("api/v1/tokens", auditor), 403, "permission_denied");
        String reader =
                api().issue(admin(), Api.unique("rd"), List.of("tokens.read")).getString("token");
        JsonObject victim = api().issue(admin(), Api.unique("victim"), List.of("tokens.read"));
        assertProblem(
                api().delete("api/v1/tokens/" + victim.getString("token_id"), reader),
                403,
                "permission_denied");
        assertProblem(
                api().post(
                                "api/v1/tokens/revoke",
                                reader,
                                "{\"name\":\"" + victim.getString("name") + "\"}"),
                403,
                "permission_denied");
        assertProblem(
                api().post(
                                "api/v1/tokens/" + victim.getString("token_id") + "/rotate",
                                reader,
                                "{}"),
                403,
                "permission_denied");
        assertEquals(
                200,
                api().get("api/v1/whoami", victim.getString("token")).status(),
                "denied calls changed nothing");
    }

    private static List<String> ids(Api.Reply page) {
        return page.items().getValuesAs(JsonObject.class).stream()
                .map(o -> o.getString("token_id"))
                .toList();
    }
}
