package dev.latch.platform;

import static dev.latch.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latch.support.Api;
import dev.latch.support.Database;
import dev.latch.support.Endpoints;
import dev.latch.support.Endpoints.Endpoint;
import dev.latch.support.LatchIT;
import dev.latch.users.SessionsIT;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Generated hostile requests against every endpoint, from a fixed seed: bodies, headers, query
 * strings, path ids and JWTs of every type confusion, huge, nested, unicode and NUL. Whatever
 * arrives, the answer is never a 5xx, every 4xx is problem+json, and no answer carries a stack
 * trace or the credential that was sent.
 */
class HostileInputIT extends LatchIT {

    static final long SEED = 20261123L;
    static final int REQUESTS = 10_000;

    private static final List<String> FIELDS =
            List.of(
                    "name",
                    "permissions",
                    "allow_privileged",
                    "ttl",
                    "description",
                    "mint_scopes",
                    "grace",
                    "scope",
                    "aud",
                    "sub",
                    "username",
                    "password",
                    "role",
                    "key_ttl",
                    "current_password",
                    "new_password",
                    "node_id",
                    "ttl_seconds",
                    "max_uses",
                    "join_token",
                    "subject",
                    "audience",
                    "token");
    private static final List<String> QUERY =
            List.of(
                    "limit", "cursor", "status", "kind", "name", "purge", "include", "actor",
                    "action", "target", "outcome", "since", "until");
    private static final List<String> STRINGS =
            List.of(
                    "",
                    " ",
                    "\u0000",
                    "a\u0000b",
                    "line\r\nInjected: yes",
                    "é🔑漢字",
                    "admin",
                    "tokens.read",
                    "1s",
                    "0s",
                    "-1d",
                    "99999999999d",
                    "90d",
                    "vault:*",
                    "*",
                    "latch:x",
                    "../../etc/passwd",
                    "<script>alert(1)</script>",
                    "' or 1=1 --",
                    "%00",
                    "null",
                    "true",
                    "9223372036854775807",
                    "2026-11-23T12:00:00Z",
                    "not-a-date",
                    "a.b.c",
                    "lop_" + "A".repeat(49),
                    "ljn_x");
    private static final List<String> PATH_IDS =
            List.of("x", "%00", "%20", "..", "-1", "null", "%C3%A9", "a".repeat(3000), "%2F", "0");

    private final Random random = new Random(SEED);

    private String string() {
        return switch (random.nextInt(6)) {
            case 0 -> "x".repeat(random.nextInt(70_000));
            case 1 -> UUID.randomUUID().toString();
            case 2 -> new String(Character.toChars(random.nextInt(0x10000) & 0xD7FF));
            default -> STRINGS.get(random.nextInt(STRINGS.size()));
        };
    }

    private String json(int depth) {
        return switch (depth > 6 ? random.nextInt(5) : random.nextInt(9)) {
            case 0 -> "null";
            case 1 -> random.nextBoolean() ? "true" : "false";
            case 2 ->
                    List.of("0", "-1", "1e309", "3.5", "9223372036854775808", "-0", "1E2")
                            .get(random.nextInt(7));
            case 3, 4 -> quote(string());
            case 5 -> "[" + json(depth + 1) + "," + json(depth + 1) + "]";
            case 6 -> "[".repeat(300) + "]".repeat(300);
            default -> object(depth + 1);
        };
    }

    private String object(int depth) {
        StringBuilder body = new StringBuilder("{");
        int fields = random.nextInt(5);
        for (int i = 0; i < fields; i++) {
            String field =
                    random.nextInt(10) == 0 ? string() : FIELDS.get(random.nextInt(FIELDS.size()));
            body.append(i == 0 ? "" : ",").append(quote(field)).append(':').append(json(depth));
        }
        return body.append('}').toString();
    }

    private static String quote(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    private String body() {
        return switch (random.nextInt(8)) {
            case 0 -> "";
            case 1 -> "{\"name\":";
            case 2 -> "token=" + URLEncoder.encode(string(), StandardCharsets.UTF_8);
            case 3 -> json(0);
            default -> object(0);
        };
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A JWT-shaped credential with confused header and claim types; never validly signed. */
    private String jwt() {
        String header =
                List.of(
                                "{\"alg\":\"RS256\",\"kid\":123}",
                                "{\"alg\":[\"RS256\"]}",
                                "{\"alg\":\"HS256\",\"kid\":{\"a\":1}}",
                                "{\"alg\":\"none\"}",
                                "{}",
                                "[]",
                                "\"x\"",
                                "{\"alg\":\"ES256\",\"kid\":\"" + "k".repeat(5000) + "\"}")
                        .get(random.nextInt(8));
        String claims =
                List.of(
                                "{\"exp\":9223372036854775807,\"iat\":1,\"aud\":\"latch\",\"jti\":\"x\"}",
                                "{\"exp\":\"soon\",\"aud\":123}",
                                "{\"scope\":[\"admin\"],\"sub\":null}",
                                "{\"aud\":[],\"exp\":-9223372036854775808}",
                                "{\"iss\":" + json(0) + ",\"sub\":" + json(0) + "}",
                                "not json")
                        .get(random.nextInt(6));
        return b64(header) + "." + b64(claims) + "." + b64(string());
    }

    private String authorization(List<String> valid) {
        return switch (random.nextInt(8)) {
            case 0 -> null;
            case 1 -> "Bearer " + jwt();
            case 2 ->
                    List.of(
                                    "Bearer",
                                    "Bearer ",
                                    "Basic YTpi",
                                    "bearer\t" + string(),
                                    "Bearer " + "a.".repeat(3000))
                            .get(random.nextInt(5));
            case 3 -> "Bearer " + string();
            default -> "Bearer " + valid.get(random.nextInt(valid.size()));
        };
    }

    private String query() {
        StringBuilder query = new StringBuilder();
        int parameters = random.nextInt(4);
        for (int i = 0; i < parameters; i++) {
            query.append(i == 0 ? "?" : "&")
                    .append(QUERY.get(random.nextInt(QUERY.size())))
                    .append('=')
                    .append(URLEncoder.encode(string(), StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    @Test
    void tenThousandHostileRequestsGetNo5xxAndOnlyProblemAnswers() throws Exception {
        java.time.Instant started = java.time.Instant.now().minusSeconds(1);
        List<Endpoint> endpoints = new ArrayList<>(Endpoints.declared());
        JsonObject admin = api().issue(admin(), Api.unique("fuzz"), List.of("admin"));
        JsonObject viewer = SessionsIT.user(api(), "viewer");
        List<String> valid =
                List.of(
                        admin.getString("token"),
                        SessionsIT.login(api(), viewer.getString("username"), SessionsIT.PASSWORD));
        List<String> wrong = new ArrayList<>();
        int clientErrors = 0;
        for (int i = 0; i < REQUESTS; i++) {
            Endpoint endpoint = endpoints.get(random.nextInt(endpoints.size()));
            String path =
                    endpoint.path()
                                    .replaceAll(
                                            "\\{[a-z_]+\\}",
                                            random.nextInt(3) == 0
                                                    ? PATH_IDS.get(random.nextInt(PATH_IDS.size()))
                                                    : UUID.randomUUID().toString())
                                    .substring(1)
                            + query();
            // a valid credential never logs itself out here: the run goes on with it
            String authorization =
                    endpoint.path().endsWith("/logout") ? null : authorization(valid);
            HttpRequest.Builder request =
                    api().request(path, null).version(HttpClient.Version.HTTP_1_1);
            if (authorization != null) {
                // what an HTTP client can put in a header at all: visible ASCII and spaces
                authorization = authorization.replaceAll("[^\\x20-\\x7e]", "").strip();
                request.header("Authorization", authorization.isEmpty() ? "x" : authorization);
            }
            String contentType =
                    List.of(
                                    "application/json",
                                    "application/x-www-form-urlencoded",
                                    "text/plain",
                                    "application/json; charset=utf-16")
                            .get(random.nextInt(4));
            request.header("Content-Type", contentType);
            String body = body();
            var reply =
                    api().send(
                                    switch (endpoint.method()) {
                                        case "GET" -> request.GET();
                                        case "DELETE" -> request.DELETE();
                                        default ->
                                                request.method(
                                                        endpoint.method(),
                                                        HttpRequest.BodyPublishers.ofString(body));
                                    });
            String problem = check(reply, authorization);
            if (problem != null && wrong.size() < 25) {
                wrong.add(
                        endpoint
                                + " "
                                + path.substring(0, Math.min(path.length(), 120))
                                + " ["
                                + contentType
                                + "] "
                                + body.substring(0, Math.min(body.length(), 200))
                                + " -> "
                                + reply.status()
                                + " "
                                + problem);
            }
            clientErrors += reply.status() >= 400 ? 1 : 0;
        }
        // the guesses it made at logins must not throttle the tests after it
        try (var db = Database.connect();
                var forget = db.prepareStatement("delete from login_failure where at >= ?")) {
            forget.setTimestamp(1, java.sql.Timestamp.from(started));
            forget.executeUpdate();
        }
        assertTrue(
                wrong.isEmpty(),
                REQUESTS
                        + " requests (seed "
                        + SEED
                        + "), "
                        + clientErrors
                        + " refused; wrong:\n"
                        + String.join("\n", wrong));
    }

    /** What is wrong with an answer, or null. */
    private static String check(Api.Reply reply, String authorization) {
        String body = reply.body();
        if (reply.status() >= 500) {
            return "a 5xx: " + body.substring(0, Math.min(body.length(), 300));
        }
        if (reply.status() >= 400
                && (!"application/problem+json".equals(reply.header("Content-Type"))
                        || !body.contains("\"code\""))) {
            return "not problem+json: "
                    + reply.header("Content-Type")
                    + " "
                    + body.substring(0, Math.min(body.length(), 200));
        }
        if (body.contains("Exception") || body.contains("\tat ") || body.contains("ARJUNA")) {
            return "a stack trace or exception: " + body.substring(0, Math.min(body.length(), 300));
        }
        String credential =
                authorization == null ? "" : authorization.replaceFirst("(?i)^bearer\\s*", "");
        if (credential.length() > 20 && body.contains(credential)) {
            return "echoes the credential";
        }
        return null;
    }

    private Api.Reply post(String path, String token, String json) {
        return api().post(path, token, json);
    }

    @Test
    void knownServerErrorsFromClientInputAreClientErrorsNow() throws Exception {
        String absurdExp =
                b64("{\"alg\":\"HS256\"}")
                        + "."
                        + b64(
                                "{\"iss\":\"http://localhost:8080\",\"aud\":\"latch\",\"sub\":\"x\","
                                        + "\"jti\":\"j\",\"iat\":1,\"exp\":9223372036854775807}")
                        + ".c2ln";
        assertProblem(api().get("api/v1/whoami", absurdExp), 401, "unauthenticated");
        String hugeExp =
                b64("{\"alg\":\"HS256\"}")
                        + "."
                        + b64("{\"exp\":100000000000000000000,\"iat\":1}")
                        + ".AAAA";
        assertProblem(api().get("api/v1/whoami", hugeExp), 401, "unauthenticated");
        assertEquals(
                200,
                api().get(".well-known/jwks.json", hugeExp).status(),
                "a public endpoint ignores it");
        assertProblem(
                post("api/v1/jwt/mint", admin(), "{\"scope\":\"" + "s".repeat(2001) + "\"}"),
                400,
                "invalid_argument");
        assertProblem(
                api().send(
                                api().request(
                                                "api/internal/auth/token",
                                                Files.readString(
                                                                java.nio.file.Path.of(
                                                                        System.getProperty(
                                                                                "latch.test.resources"),
                                                                        "internal-key.txt"))
                                                        .strip())
                                        .header("Content-Type", "application/json")
                                        .POST(
                                                HttpRequest.BodyPublishers.ofString(
                                                        "{\"subject\":\""
                                                                + "s".repeat(150)
                                                                + "\",\"audience\":\"a\",\"scope\":\"x:y\",\"ttl\":\"1h\"}"))),
                400,
                "invalid_argument");
        assertProblem(
                post(
                        "api/v1/tokens",
                        admin(),
                        "{\"name\":\"" + Api.unique("nul") + "\",\"description\":\"a\\u0000b\"}"),
                400,
                "invalid_argument");
        assertProblem(
                post(
                        "api/v1/bootstrap/exchange",
                        null,
                        "{\"join_token\":\"ljn_x\",\"node_id\":\"a\\u0000\"}"),
                400,
                "invalid_argument");
    }

    @Test
    void whatAClientSendsReachesTheAuditLogEscapedAndClipped() throws Exception {
        String node = "web\r\nInjected: yes";
        // from a source of its own: anonymous refusals are aggregated per source
        var refused =
                api().send(
                                api().request("api/v1/bootstrap/exchange", null)
                                        .header("Content-Type", "application/json")
                                        .header(
                                                "X-Forwarded-For",
                                                "10.99." + (int) (Math.random() * 250) + ".1")
                                        .POST(
                                                HttpRequest.BodyPublishers.ofString(
                                                        "{\"join_token\":\"ljn_x\",\"node_id\":\"web\\r\\nInjected: yes\"}")));
        assertProblem(refused, 400, "invalid_argument");
        String requestId = refused.string("request_id");
        var events = api().get("api/v1/audit?action=join.exchange&limit=20", admin());
        JsonObject event =
                events.items().getValuesAs(JsonObject.class).stream()
                        .filter(e -> requestId.equals(e.getString("request_id", null)))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new AssertionError(
                                                "no event for "
                                                        + requestId
                                                        + ": "
                                                        + events.body()));
        assertTrue(
                event.getString("detail").contains("web\\u000d\\u000aInjected: yes"),
                event.toString());
        assertTrue(!event.getString("detail").contains(node));
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        for (String path :
                List.of(
                        "api/v1/whoami",
                        "admin/",
                        ".well-known/jwks.json",
                        "api/v1/nothing-here")) {
            var reply = api().get(path, path.startsWith("api") ? admin() : null);
            assertEquals("nosniff", reply.header("X-Content-Type-Options"), path);
            assertTrue(
                    reply.header("Content-Security-Policy").contains("frame-ancestors 'none'"),
                    path);
        }
        assertEquals("no-store", api().get("api/v1/whoami", admin()).header("Cache-Control"));
        assertProblem(api().get("no/such/page", null), 404, "not_found");
        assertProblem(
                api().send(
                                api().request("admin/", null)
                                        .method("PATCH", HttpRequest.BodyPublishers.noBody())),
                405,
                "invalid_argument");
    }

    @Test
    void whatAnOutsideAttackFoundAnswersAs4xx() {
        String nulKid = b64("{\"alg\":\"RS256\",\"kid\":\"a\\u0000b\"}") + ".eyJzdWIiOiJ4In0.c2ln";
        assertProblem(api().get("api/v1/whoami", nulKid), 401, "unauthenticated");
        assertEquals(200, api().get(".well-known/jwks.json", nulKid).status());
        String ancient =
                Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(
                                ("-9223372036854775808_" + UUID.randomUUID())
                                        .getBytes(StandardCharsets.UTF_8));
        for (String list :
                List.of(
                        "api/v1/tokens",
                        "api/v1/admin/tokens",
                        "api/v1/jwt/minted",
                        "api/v1/users")) {
            assertProblem(api().get(list + "?cursor=" + ancient, admin()), 400, "invalid_argument");
        }
        assertProblem(
                api().get("api/v1/audit?since=-5000-01-01T00:00:00Z", admin()),
                400,
                "invalid_argument");
        assertProblem(
                api().get("api/v1/audit?until=%2B294277-01-01T00:00:00Z", admin()),
                400,
                "invalid_argument");
        assertProblem(
                api().send(
                                api().request("api/v1/whoami", admin())
                                        .header("Accept", "a/b;q=x")
                                        .GET()),
                400,
                "invalid_argument");
    }

    @Test
    void aSecretPastedIntoAnotherFieldNeverReachesTheAuditLog() {
        String secret =
                api().issue(admin(), Api.unique("pasted"), List.of("tokens.read"))
                        .getString("token");
        var refused =
                api().send(
                                api().request("api/v1/auth/login", null)
                                        .header("Content-Type", "application/json")
                                        .header(
                                                "X-Forwarded-For",
                                                "10.98." + (int) (Math.random() * 250) + ".2")
                                        .POST(
                                                HttpRequest.BodyPublishers.ofString(
                                                        "{\"username\":\""
                                                                + secret
                                                                + "\u2028x\",\"password\":\"whatever it is\"}")));
        assertEquals(401, refused.status());
        String log = api().get("api/v1/audit?action=auth.login&limit=50", admin()).body();
        assertTrue(!log.contains(secret.substring(4)), "the pasted secret is redacted");
        assertTrue(
                log.contains("lop_[redacted]\\\\u2028x"),
                "and U+2028 escaped: " + log.substring(0, Math.min(400, log.length())));
    }
}
