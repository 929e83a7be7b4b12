package dev.latch.users;

import static dev.latch.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latch.support.Api;
import dev.latch.support.LatchIT;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Service users and their lsk_ keys: creation, rotation with a grace, and the reuse rule. */
class ServiceUsersIT extends LatchIT {

    private JsonObject create(String role, String keyTtl) {
        String ttl = keyTtl == null ? "" : ",\"key_ttl\":\"" + keyTtl + "\"";
        var reply =
                api().post(
                                "api/v1/service-users",
                                admin(),
                                "{\"name\":\""
                                        + Api.unique("svc")
                                        + "\",\"role\":\""
                                        + role
                                        + "\""
                                        + ttl
                                        + "}");
        assertEquals(201, reply.status(), reply.body());
        return reply.json();
    }

    @Test
    void aServiceUserGetsItsKeyOnceWithTheRolesPermissions() {
        JsonObject created = create("operator", null);
        String key = created.getString("api_key");
        assertTrue(key.matches("lsk_[0-9A-Za-z]{49}"));
        Instant expires = Instant.parse(created.getString("expires_at"));
        assertTrue(Duration.between(Instant.now(), expires).toDays() >= 89, "90d by default");
        JsonObject me = api().get("api/v1/whoami", key).json();
        assertEquals(created.getString("name"), me.getString("identity"));
        assertEquals("service_key", me.getString("kind"));
        assertEquals(created.getString("key_id"), me.getString("token_id"));
        var listed = api().get("api/v1/service-users?limit=500", admin());
        assertTrue(
                listed.items().getValuesAs(JsonObject.class).stream()
                        .anyMatch(u -> u.getString("id").equals(created.getString("id"))));
        assertTrue(!listed.body().contains(key));
    }

    @Test
    void theKeyTtlMustBeFromOneDayToAYear() {
        assertEquals(
                Duration.ofDays(1),
                Duration.between(
                                Instant.now(),
                                Instant.parse(create("viewer", "1d").getString("expires_at")))
                        .plusSeconds(5)
                        .truncatedTo(java.time.temporal.ChronoUnit.DAYS));
        assertProblem(
                api().post(
                                "api/v1/service-users",
                                admin(),
                                "{\"name\":\""
                                        + Api.unique("s")
                                        + "\",\"role\":\"viewer\",\"key_ttl\":\"23h\"}"),
                400,
                "invalid_argument");
        assertProblem(
                api().post(
                                "api/v1/service-users",
                                admin(),
                                "{\"name\":\""
                                        + Api.unique("s")
                                        + "\",\"role\":\"viewer\",\"key_ttl\":\"366d\"}"),
                400,
                "invalid_argument");
    }

    @Test
    void serviceUsersNeedUsersManage() {
        String reader =
                api().issue(admin(), Api.unique("r"), List.of("tokens.read")).getString("token");
        assertProblem(
                api().post(
                                "api/v1/service-users",
                                reader,
                                "{\"name\":\"" + Api.unique("s") + "\",\"role\":\"viewer\"}"),
                403,
                "permission_denied");
        assertProblem(api().get("api/v1/service-users", reader), 403, "permission_denied");
    }

    @Test
    void rotatingWithAGraceKeepsTheOldKeyUntilTheGraceEnds() throws Exception {
        JsonObject created = create("viewer", null);
        String old = created.getString("api_key");
        var rotated =
                api().post(
                                "api/v1/service-users/" + created.getString("id") + "/rotate-key",
                                admin(),
                                "{\"grace\":\"3s\"}");
        assertEquals(201, rotated.status(), rotated.body());
        String fresh = rotated.json().getString("api_key");
        assertNotEquals(old, fresh);
        assertEquals(200, api().get("api/v1/whoami", old).status(), "within the grace");
        assertEquals(200, api().get("api/v1/whoami", fresh).status());
        Thread.sleep(3500);
        assertProblem(api().get("api/v1/whoami", old), 401, "token_expired");
    }

    @Test
    void usingTheOldKeyAfterItsGraceRevokesTheNewOneAndIsAudited() {
        JsonObject created = create("viewer", null);
        String old = created.getString("api_key");
        var rotated =
                api().post(
                                "api/v1/service-users/" + created.getString("id") + "/rotate-key",
                                admin(),
                                "{}");
        String fresh = rotated.json().getString("api_key");
        assertEquals(200, api().get("api/v1/whoami", fresh).status());

        assertProblem(api().get("api/v1/whoami", old), 401, "token_revoked");
        assertProblem(api().get("api/v1/whoami", fresh), 401, "token_revoked");
        var events =
                api().get(
                                "api/v1/audit?action=key.reuse_after_rotation&target=token:"
                                        + created.getString("key_id"),
                                admin());
        assertEquals(1, events.items().size(), events.body());
        assertTrue(events.items().getJsonObject(0).getString("detail").contains("1 successor"));
    }

    @Test
    void graceIsCappedAtSevenDays() {
        JsonObject created = create("viewer", null);
        assertProblem(
                api().post(
                                "api/v1/service-users/" + created.getString("id") + "/rotate-key",
                                admin(),
                                "{\"grace\":\"8d\"}"),
                400,
                "invalid_argument");
        assertProblem(
                api().post(
                                "api/v1/service-users/00000000-0000-0000-0000-000000000000/rotate-key",
                                admin(),
                                "{}"),
                404,
                "not_found");
    }

    @Test
    void deletingAServiceUserDisablesItAndRevokesItsKeys() {
        JsonObject created = create("viewer", null);
        var deleted = api().delete("api/v1/service-users/" + created.getString("id"), admin());
        assertEquals(200, deleted.status(), deleted.body());
        assertProblem(
                api().get("api/v1/whoami", created.getString("api_key")), 401, "token_revoked");
        assertProblem(
                api().post(
                                "api/v1/service-users/" + created.getString("id") + "/rotate-key",
                                admin(),
                                "{}"),
                400,
                "invalid_argument");
    }

    @Test
    void noApiKeyReachesTheDatabaseTheLogOrTheAuditLog() throws Exception {
        JsonObject created = create("viewer", null);
        String key = created.getString("api_key");
        api().get("api/v1/whoami", key);
        assertEquals(
                0,
                dev.latch.support.Database.rowsContaining(
                        List.of("token", "audit_event", "app_user"), key.substring(4)));
        String log =
                java.nio.file.Files.readString(
                        java.nio.file.Path.of(System.getProperty("latch.test.server.log")));
        assertTrue(!log.contains(key.substring(4)));
    }
}
