package dev.latch.platform;

import static dev.latch.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latch.support.Api;
import dev.latch.support.Database;
import dev.latch.support.Hs256Jwts;
import dev.latch.support.LatchIT;
import dev.latch.support.Scrape;
import dev.latch.tokens.control.TokenFormat;
import dev.latch.tokens.entity.TokenKind;
import dev.latch.users.SessionsIT;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * GET /api/v1/metrics: who may read it, in what format, and how its figures move after known
 * traffic: by exactly what the test did, read as the difference between a scrape before and one
 * after.
 */
class MetricsIT extends LatchIT {

    /**
     * pom.xml sets latch.metrics.database-max-age to 1s: waiting longer makes the next scrape read
     * the database again.
     */
    private static final long DATABASE_MAX_AGE_MILLIS = 1000;

    /** Holds metrics.read only, as Prometheus's token should. */
    private String scraper() {
        return api().issue(admin(), Api.unique("prometheus"), List.of("metrics.read"))
                .getString("token");
    }

    private Scrape scrape(String token) {
        Api.Reply reply = api().get("api/v1/metrics", token);
        assertEquals(200, reply.status(), reply.body());
        return Scrape.of(reply.body());
    }

    /** A scrape whose database figures were read after everything done before it. */
    private Scrape freshScrape(String token) throws InterruptedException {
        Thread.sleep(DATABASE_MAX_AGE_MILLIS + 100);
        return scrape(token);
    }

    private Api.Reply whoami(String token) {
        return api().get("api/v1/whoami", token);
    }

    @Test
    void anonymousCallersAre401AndCallersWithoutMetricsReadAre403() {
        assertProblem(api().get("api/v1/metrics", null), 401, "unauthenticated");
        String reader =
                api().issue(admin(), Api.unique("reader"), List.of("tokens.read"))
                        .getString("token");
        assertProblem(api().get("api/v1/metrics", reader), 403, "permission_denied");
        Api.Reply allowed = api().get("api/v1/metrics", scraper());
        assertEquals(200, allowed.status());
        assertEquals(
                "text/plain;version=0.0.4;charset=utf-8",
                allowed.header("Content-Type").replace(" ", ""),
                "the text format Prometheus reads");
    }

    @Test
    void theOpenApiDocumentDescribesTheEndpointAndItsTextFormat() {
        String document = api().get("openapi", null).body();
        int at = document.indexOf("/api/v1/metrics:");
        assertTrue(at >= 0, "the path");
        assertTrue(
                document.substring(at, at + 200).contains("text/plain; version=0.0.4"),
                document.substring(at, at + 200));
    }

    @Test
    void anAuditorsSessionReadsTheMetrics() {
        String username = SessionsIT.user(api(), "auditor").getString("username");
        String session = SessionsIT.login(api(), username, SessionsIT.PASSWORD);
        assertEquals(200, api().get("api/v1/metrics", session).status());
    }

    @Test
    void authenticationsCountByKindAndOutcomeExactly() throws Exception {
        String scraper = scraper();
        String operator =
                api().issue(admin(), Api.unique("ok"), List.of("tokens.read")).getString("token");
        String revoked =
                api().issue(admin(), Api.unique("revoked"), List.of("tokens.read"))
                        .getString("token");
        api().post(
                        "api/v1/tokens/revoke",
                        admin(),
                        "{\"name\":\"" + whoami(revoked).string("identity") + "\"}");
        String expiredJwt =
                api().mint(admin(), "{\"scope\":\"tokens.read\",\"aud\":\"latch\",\"ttl\":\"1s\"}")
                        .getString("token");
        String username = SessionsIT.user(api(), "viewer").getString("username");
        String session = SessionsIT.login(api(), username, SessionsIT.PASSWORD);
        String hs256 = Hs256Jwts.sign(Hs256Jwts.claims("tokens.read", 600));
        String join =
                api().post("api/v1/admin/tokens", admin(), "{\"node_id\":\"metrics-node\"}")
                        .string("join_token");
        Thread.sleep(2100); // the JWT expires

        Scrape before = scrape(scraper);
        for (int i = 0; i < 3; i++) {
            assertEquals(200, whoami(operator).status());
        }
        for (int i = 0; i < 2; i++) {
            assertProblem(whoami(revoked), 401, "token_revoked");
            assertProblem(whoami(expiredJwt), 401, "token_expired");
            // the second is a hit of the validation cache: counted all the same
            assertEquals(200, whoami(hs256).status());
        }
        assertEquals(200, whoami(session).status());
        assertProblem(whoami("not-a-token"), 401, "unauthenticated");
        assertProblem(
                api().send(
                                api().request("api/v1/whoami", null)
                                        .header("Authorization", "Basic YTpi")
                                        .GET()),
                401,
                "unauthenticated");
        assertProblem(whoami(TokenFormat.generate(TokenKind.OPERATOR)), 401, "unauthenticated");
        assertProblem(whoami(join), 401, "unauthenticated");
        Scrape after = scrape(scraper);

        String total = "latch_authentications_total";
        Map<List<String>, Integer> expected =
                Map.of(
                        // the scrape that reads them was authenticated first
                        List.of("operator", "ok"), 3 + 1,
                        List.of("operator", "revoked"), 2,
                        List.of("operator", "invalid"), 1,
                        List.of("jwt", "expired"), 2,
                        List.of("hs256", "ok"), 2,
                        List.of("session", "ok"), 1,
                        List.of("malformed", "invalid"), 2,
                        List.of("join", "invalid"), 1);
        expected.forEach(
                (labels, count) ->
                        assertEquals(
                                (double) count,
                                counted(
                                        before,
                                        after,
                                        total,
                                        "kind",
                                        labels.get(0),
                                        "outcome",
                                        labels.get(1)),
                                labels.toString()));
        String timings = "latch_authentication_duration_seconds_count";
        assertEquals(
                3 + 2 + 1 + 1,
                counted(before, after, timings, "kind", "operator"),
                "one timing per authentication");
        assertEquals(2, counted(before, after, timings, "kind", "hs256"));
    }

    /** How far a counter moved; one that did not exist before counted from 0. */
    private static double counted(Scrape before, Scrape after, String name, String... labels) {
        return after.count(name, labels) - before.count(name, labels);
    }

    @Test
    void loginsCountOkFailedAndThrottled() {
        String scraper = scraper();
        String username = SessionsIT.user(api(), "viewer").getString("username");
        Scrape before = scrape(scraper);
        assertEquals(200, api().loginFrom(username, SessionsIT.PASSWORD, "10.77.0.1").status());
        for (int i = 0; i < 5; i++) {
            assertEquals(401, api().loginFrom(username, "not the password", "10.77.0.2").status());
        }
        assertProblem(
                api().loginFrom(username, SessionsIT.PASSWORD, "10.77.0.2"), 429, "rate_limited");
        Scrape after = scrape(scraper);
        String logins = "latch_logins_total";
        assertEquals(1, counted(before, after, logins, "outcome", "ok"));
        assertEquals(5, counted(before, after, logins, "outcome", "failed"));
        assertEquals(1, counted(before, after, logins, "outcome", "throttled"));
    }

    @Test
    void anAuditedWriteAndADeniedOneCountOneEventEach() {
        String scraper = scraper();
        String reader =
                api().issue(admin(), Api.unique("reader"), List.of("tokens.read"))
                        .getString("token");
        Scrape before = scrape(scraper);
        api().issue(admin(), Api.unique("audited"), List.of("tokens.read"));
        assertEquals(
                403,
                api().post("api/v1/tokens", reader, "{\"name\":\"" + Api.unique("no") + "\"}")
                        .status());
        Scrape after = scrape(scraper);
        String written = "latch_audit_events_written_total";
        for (String outcome : List.of("success", "denied")) {
            assertEquals(
                    1,
                    counted(before, after, written, "action", "token.issue", "outcome", outcome),
                    outcome);
        }
    }

    /**
     * Until no credential will expire or be purged (latch.tokens.purge-after is 10s here) while the
     * test runs, so the database's figures move by what the test does alone.
     */
    private static void awaitQuietCredentials() throws Exception {
        String soon =
                "expires_at > now() - interval '15 seconds'"
                        + " and expires_at < now() + interval '60 seconds'";
        Instant deadline = Instant.now().plusSeconds(60);
        while (Database.number(
                                "select (select count(*) from token where revoked_at > now() -"
                                        + " interval '15 seconds' or ("
                                        + soon
                                        + ")) + (select count(*) from minted_jwt where "
                                        + soon
                                        + ")")
                        > 0
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
    }

    /** How far a gauge moved; it must be in both. */
    private static double delta(Scrape before, Scrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    @Test
    void credentialGaugesCountTokensAndJwtsByStatusAndExpiryWindowExactly() throws Exception {
        String scraper = scraper();
        awaitQuietCredentials();
        Scrape before = freshScrape(scraper);
        Map<String, String> ttls =
                Map.of(
                        "a", "12h", "b", "13h", "c", "3d", "d", "3d", "e", "3d", "f", "20d", "g",
                        "60d");
        Map<String, String> names =
                ttls.keySet().stream()
                        .collect(Collectors.toMap(k -> k, k -> Api.unique("census-" + k)));
        ttls.forEach(
                (key, ttl) ->
                        assertEquals(
                                201,
                                api().post(
                                                "api/v1/tokens",
                                                admin(),
                                                "{\"name\":\""
                                                        + names.get(key)
                                                        + "\",\"permissions\":[\"tokens.read\"],"
                                                        + "\"ttl\":\""
                                                        + ttl
                                                        + "\"}")
                                        .status()));
        api().post("api/v1/tokens/revoke", admin(), "{\"name\":\"" + names.get("c") + "\"}");
        for (int i = 0; i < 2; i++) {
            api().mint(admin(), "{\"scope\":\"tokens.read\",\"aud\":\"latch\",\"ttl\":\"2h\"}");
        }
        Scrape after = freshScrape(scraper);

        String credentials = "latch_credentials";
        assertEquals(6, delta(before, after, credentials, "kind", "operator", "status", "active"));
        assertEquals(1, delta(before, after, credentials, "kind", "operator", "status", "revoked"));
        assertEquals(0, delta(before, after, credentials, "kind", "operator", "status", "expired"));
        assertEquals(2, delta(before, after, credentials, "kind", "minted", "status", "active"));
        String expiring = "latch_credentials_expiring";
        assertEquals(2, delta(before, after, expiring, "kind", "operator", "within", "1d"));
        assertEquals(2 + 2, delta(before, after, expiring, "kind", "operator", "within", "7d"));
        assertEquals(
                2 + 2 + 1, delta(before, after, expiring, "kind", "operator", "within", "30d"));
        assertEquals(2, delta(before, after, expiring, "kind", "minted", "within", "1d"));
        assertEquals(0, delta(before, after, expiring, "kind", "session", "within", "30d"));
    }

    @Test
    void theCensusAgreesWithPlainCountsOverEverythingTheSuiteLeft() throws Exception {
        String scraper = scraper();
        awaitQuietCredentials();
        Scrape scrape = freshScrape(scraper);
        Map<String, String> statuses =
                Map.of(
                        "active", "revoked_at is null and expires_at > now()",
                        "expired", "revoked_at is null and expires_at <= now()",
                        "revoked", "revoked_at is not null");
        Map<String, List<String>> tables =
                Map.of(
                        "token", List.of("operator", "service_key", "join", "node"),
                        "minted_jwt", List.of("minted", "internal", "session"));
        for (var table : tables.entrySet()) {
            for (String kind : table.getValue()) {
                for (var status : statuses.entrySet()) {
                    assertEquals(
                            Database.number(
                                    "select count(*) from "
                                            + table.getKey()
                                            + " where kind = '"
                                            + kind
                                            + "' and "
                                            + status.getValue()),
                            scrape.value(
                                    "latch_credentials", "kind", kind, "status", status.getKey()),
                            kind + " " + status.getKey());
                }
            }
        }
    }

    @Test
    void theSigningKeyAgeIsThatOfTheActiveKey() throws Exception {
        String scraper = scraper();
        for (int attempt = 0; ; attempt++) {
            Instant activeSince = activeKeySince();
            Scrape scrape = freshScrape(scraper);
            Instant read = Instant.now();
            if (!activeKeySince().equals(activeSince) && attempt < 3) {
                continue; // the key rotated meanwhile (every 40s here): measure again
            }
            double expected = Duration.between(activeSince, read).toMillis() / 1000.0;
            double age = scrape.value("latch_signing_key_age_seconds");
            assertTrue(
                    age <= expected && age > expected - 2,
                    "age " + age + " vs " + expected + " from " + activeSince);
            return;
        }
    }

    /** When the key that signs now began signing, as GET /api/v1/keys tells. */
    private Instant activeKeySince() {
        return Json.createReader(new StringReader(api().get("api/v1/keys", admin()).body()))
                .readArray()
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(k -> k.getString("status").equals("active"))
                .map(k -> Instant.parse(k.getString("activates_at")))
                .max(Comparator.naturalOrder())
                .orElseThrow();
    }

    @Test
    void theSealingLagIsSmallWhileTheSealerKeepsUp() throws Exception {
        double lag = freshScrape(scraper()).value("latch_audit_seal_lag_seconds");
        // the sealer runs every second here; the gauge may be a database read (1s) behind
        assertTrue(lag >= 0 && lag < 5, "lag " + lag);
    }
}
