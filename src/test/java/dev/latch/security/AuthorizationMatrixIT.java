package dev.latch.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latch.support.Api;
import dev.latch.support.Endpoints;
import dev.latch.support.Endpoints.Endpoint;
import dev.latch.support.Hs256Jwts;
import dev.latch.support.LatchIT;
import dev.latch.users.SessionsIT;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every JAX-RS method of the WAR, called as every kind of caller, answers as the matrix in
 * docs/authorization.md says: 401 for no or a refused credential, 403 for a caller without what the
 * row requires, and neither for one with it.
 */
class AuthorizationMatrixIT extends LatchIT {

    private static final java.nio.file.Path MATRIX = java.nio.file.Path.of("docs/authorization.md");
    private static final Pattern ROW =
            Pattern.compile("\\| `([A-Z]+)` \\| `([^`]+)` \\| `([^`]+)` \\| (.*) \\|");
    private static final Set<String> PERMISSIONS =
            Set.of(
                    "tokens.read",
                    "tokens.manage",
                    "users.manage",
                    "keys.manage",
                    "jwt.mint",
                    "audit.read",
                    "metrics.read");

    private static final Set<String> FORM_BODIES = Set.of("/api/v1/introspect", "/api/v1/revoke");

    record Row(String requires, boolean ownOnly) {}

    /** A caller: its credential, and the groups it should hold; null groups: refused or none. */
    record Caller(String name, String token, Set<String> groups) {}

    static Map<Endpoint, Row> matrix() throws Exception {
        Map<Endpoint, Row> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(MATRIX)) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                rows.put(
                        new Endpoint(m.group(1), m.group(2)),
                        new Row(m.group(3), m.group(4).startsWith("own")));
            }
        }
        return rows;
    }

    @Test
    void everyEndpointHasExactlyOneRowInTheMatrix() throws Exception {
        assertEquals(
                Endpoints.declared(),
                new TreeSet<>(matrix().keySet()),
                "docs/authorization.md's matrix vs the WAR");
    }

    private Set<String> groups(List<String> permissions) {
        Set<String> groups =
                new TreeSet<>(
                        permissions.contains("admin") ? PERMISSIONS : Set.copyOf(permissions));
        groups.add("authenticated");
        return groups;
    }

    private Caller opaque(String name, List<String> permissions) {
        return new Caller(
                name,
                api().issue(admin(), Api.unique("matrix"), permissions).getString("token"),
                groups(permissions));
    }

    private Caller session(String role, List<String> permissions) {
        JsonObject user = SessionsIT.user(api(), role);
        return new Caller(
                "session:" + role,
                SessionsIT.login(api(), user.getString("username"), SessionsIT.PASSWORD),
                groups(permissions));
    }

    private static String hs256(String scope) {
        return Hs256Jwts.sign(Hs256Jwts.claims(scope, 600));
    }

    private String exchange(String join, String node) {
        return api().post(
                        "api/v1/bootstrap/exchange",
                        null,
                        "{\"join_token\":\"" + join + "\",\"node_id\":\"" + node + "\"}")
                .string("node_token");
    }

    private List<Caller> callers() throws Exception {
        List<Caller> callers = new ArrayList<>();
        callers.add(new Caller("anonymous", null, null));
        callers.add(new Caller("garbage", "not-a-token", null));
        for (String permission : PERMISSIONS) {
            callers.add(opaque(permission, List.of(permission)));
        }
        callers.add(opaque("admin", List.of("admin")));
        callers.add(session("admin", List.of("admin")));
        callers.add(session("operator", List.of("tokens.read", "tokens.manage", "jwt.mint")));
        callers.add(session("auditor", List.of("tokens.read", "audit.read", "metrics.read")));
        callers.add(session("viewer", List.of("tokens.read")));
        var service =
                api().post(
                                "api/v1/service-users",
                                admin(),
                                "{\"name\":\"" + Api.unique("matrix") + "\",\"role\":\"auditor\"}");
        callers.add(
                new Caller(
                        "service key",
                        service.string("api_key"),
                        groups(List.of("tokens.read", "audit.read", "metrics.read"))));
        String node = "matrix-" + UUID.randomUUID().toString().substring(0, 8);
        String join =
                api().post(
                                "api/v1/admin/tokens",
                                admin(),
                                "{\"node_id\":\"" + node + "\",\"max_uses\":2}")
                        .string("join_token");
        callers.add(new Caller("join token", join, null));
        String nodeToken = exchange(join, node);
        String replacing = exchange(join, node);
        callers.add(new Caller("node", replacing, Set.of("node")));
        callers.add(new Caller("revoked node", nodeToken, null));
        callers.add(
                new Caller(
                        "latch jwt",
                        api().mint(admin(), "{\"scope\":\"tokens.read\",\"aud\":\"latch\"}")
                                .getString("token"),
                        groups(List.of("tokens.read"))));
        callers.add(
                new Caller(
                        "hs256 jwt", hs256("tokens.read admin"), groups(List.of("tokens.read"))));
        Caller revokedOpaque = opaque("revoked opaque", List.of("tokens.read"));
        api().post(
                        "api/v1/tokens/revoke",
                        admin(),
                        "{\"name\":\""
                                + api().get("api/v1/whoami", revokedOpaque.token())
                                        .string("identity")
                                + "\"}");
        callers.add(new Caller("revoked opaque", revokedOpaque.token(), null));
        String revokedJwt =
                api().mint(admin(), "{\"scope\":\"tokens.read\",\"aud\":\"latch\"}")
                        .getString("token");
        api().form("api/v1/revoke", admin(), "token", revokedJwt);
        callers.add(new Caller("revoked jwt", revokedJwt, null));
        Caller revokedSession = session("viewer", List.of("tokens.read"));
        api().post("api/v1/auth/logout", revokedSession.token(), "");
        callers.add(new Caller("revoked session", revokedSession.token(), null));
        String revokedHs256 = hs256("tokens.read");
        api().form("api/v1/revoke", admin(), "token", revokedHs256);
        callers.add(new Caller("revoked hs256 jwt", revokedHs256, null));
        var expiring =
                api().post(
                                "api/v1/tokens",
                                admin(),
                                "{\"name\":\"" + Api.unique("expiring") + "\",\"ttl\":\"1s\"}");
        String expiredJwt =
                api().mint(admin(), "{\"scope\":\"tokens.read\",\"aud\":\"latch\",\"ttl\":\"1s\"}")
                        .getString("token");
        Thread.sleep(2100);
        callers.add(new Caller("expired opaque", expiring.string("token"), null));
        callers.add(new Caller("expired jwt", expiredJwt, null));
        return callers;
    }

    private Api.Reply call(Endpoint endpoint, String token) {
        String path =
                endpoint.path()
                        .replaceAll("\\{[a-z_]+\\}", UUID.randomUUID().toString())
                        .substring(1);
        HttpRequest.Builder request = api().request(path, token);
        String body =
                endpoint.path().equals("/api/internal/auth/token")
                        ? "{\"subject\":\"s\",\"audience\":\"a\",\"scope\":\"x:y\",\"ttl\":\"1h\"}"
                        : "{}";
        boolean form = FORM_BODIES.contains(endpoint.path());
        HttpRequest.BodyPublisher publisher =
                HttpRequest.BodyPublishers.ofString(form ? "token=not-a-token" : body);
        request.header(
                "Content-Type", form ? "application/x-www-form-urlencoded" : "application/json");
        return api().send(
                        switch (endpoint.method()) {
                            case "GET" -> request.GET();
                            case "DELETE" -> request.DELETE();
                            default -> request.method(endpoint.method(), publisher);
                        });
    }

    @Test
    void everyEndpointAnswersEveryCallerAsTheMatrixSays() throws Exception {
        Map<Endpoint, Row> matrix = matrix();
        List<Caller> callers = callers();
        // logging out ends the caller: it goes last
        List<Endpoint> order = new ArrayList<>(matrix.keySet());
        order.sort(
                (a, b) ->
                        Boolean.compare(
                                a.path().endsWith("/logout"), b.path().endsWith("/logout")));
        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (Caller caller : callers) {
            for (Endpoint endpoint : order) {
                Row row = matrix.get(endpoint);
                int status = call(endpoint, caller.token()).status();
                calls++;
                String expected = expected(row, caller);
                boolean ok =
                        switch (expected) {
                            case "401", "403" -> status == Integer.parseInt(expected);
                            default ->
                                    status != 401
                                            && (status != 403 || row.ownOnly())
                                            && status < 500;
                        };
                if (!ok) {
                    wrong.add(
                            caller.name()
                                    + " -> "
                                    + endpoint
                                    + ": "
                                    + status
                                    + ", expected "
                                    + expected);
                }
            }
        }
        assertTrue(wrong.isEmpty(), calls + " calls; wrong:\n" + String.join("\n", wrong));
    }

    /** 401, 403, or "allowed" (neither, and no 5xx) for this caller on this row. */
    private static String expected(Row row, Caller caller) {
        return switch (row.requires()) {
            case "public" -> "allowed";
            case "internal key" -> "401";
            default -> {
                if (caller.groups() == null) {
                    yield "401";
                }
                String group =
                        switch (row.requires()) {
                            case "any caller" -> "authenticated";
                            case "any caller or node" ->
                                    caller.groups().contains("node") ? "node" : "authenticated";
                            default -> row.requires();
                        };
                yield caller.groups().contains(group) ? "allowed" : "403";
            }
        };
    }
}
