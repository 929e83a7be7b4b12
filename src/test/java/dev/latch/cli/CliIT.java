package dev.latch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latch.support.Api;
import dev.latch.support.Database;
import dev.latch.support.LatchIT;
import dev.latch.support.Tls;
import dev.latch.users.SessionsIT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every seed's command line through the CLI, in-process, against the deployed server. */
class CliIT extends LatchIT {

    private Cli cli() {
        return new Cli(base.toString());
    }

    private Cli asAdmin() {
        return cli().with("LATCH_TOKEN", admin());
    }

    private static String resource(String name) {
        return Path.of(System.getProperty("latch.test.resources"), name).toString();
    }

    @Test
    void jacosIssueListAndRevoke() {
        String name = Api.unique("cli-jaco");
        var issued =
                asAdmin().run("token", "issue", "--name", name, "--permissions", "tokens.read");
        assertEquals(0, issued.code(), issued.err());
        assertTrue(
                issued.out()
                        .matches(
                                "Token for "
                                        + name
                                        + " \\(save this; not recoverable\\): lop_[0-9A-Za-z]+\\n"),
                issued.out());

        var listed = asAdmin().run("token", "list", "--kind", "operator");
        assertEquals(0, listed.code(), listed.err());
        // jaco's columns first (at jaco's widths unless a longer name widens them)
        assertTrue(
                listed.out()
                        .lines()
                        .findFirst()
                        .orElseThrow()
                        .matches("IDENTITY +ISSUED +REVOKED +KIND +EXPIRES +LAST_USED"),
                listed.out());
        String row = rowOf(listed.out(), name);
        assertTrue(row.matches(name + " +\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ - .*"), row);

        assertEquals(
                new Cli.Run(0, "Revoked token for " + name + "\n", ""),
                asAdmin().run("token", "revoke", name));
        String revokedRow = rowOf(asAdmin().run("token", "list").out(), name);
        String time = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";
        assertTrue(revokedRow.matches(name + " +" + time + " " + time + " .*"), revokedRow);

        var again = asAdmin().run("token", "revoke", name);
        assertEquals(1, again.code());
        assertTrue(again.err().startsWith("latch token revoke: not_found: "), again.err());
    }

    @Test
    void tokenListUnusedForShowsOnlyTokensIdleThatLong() throws Exception {
        String idle = Api.unique("cli-idle");
        String fresh = Api.unique("cli-fresh");
        var aged = api().issue(admin(), idle, List.of("tokens.read"));
        api().issue(admin(), fresh, List.of("tokens.read"));
        try (var db = Database.connect();
                var q =
                        db.prepareStatement(
                                "update token set issued_at = now() - interval '90 days' where id = ?")) {
            q.setObject(1, UUID.fromString(aged.getString("token_id")));
            q.executeUpdate();
        }

        var listed = asAdmin().run("token", "list", "--unused-for", "60d");

        assertEquals(0, listed.code(), listed.err());
        assertTrue(listed.out().contains(idle), listed.out());
        assertFalse(listed.out().contains(fresh), listed.out());
        var bad = asAdmin().run("token", "list", "--unused-for", "soon");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("unused_for"), bad.err());
    }

    @Test
    void formatTokenPrintsTheCredentialAloneAndOutputWritesItOwnerOnly() throws Exception {
        var bare =
                asAdmin()
                        .run(
                                "token",
                                "issue",
                                "--name",
                                Api.unique("cli-bare"),
                                "--format",
                                "token");
        assertTrue(bare.out().matches("lop_[0-9A-Za-z]+\\n"), bare.out());
        assertEquals("", bare.err());

        Path file = Files.createTempDirectory("cli-out").resolve("token");
        var written =
                asAdmin()
                        .run(
                                "token",
                                "issue",
                                "--name=" + Api.unique("cli-file"),
                                "--format=token",
                                "--output=" + file);
        assertEquals(new Cli.Run(0, "", ""), written);
        assertTrue(Files.readString(file).matches("lop_[0-9A-Za-z]+\\n"));
        assertEquals(
                "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        var json =
                asAdmin()
                        .run(
                                "token",
                                "issue",
                                "--name",
                                Api.unique("cli-json"),
                                "--format",
                                "json");
        assertTrue(Server.JSON.readTree(json.out()).path("token").asText().startsWith("lop_"));
    }

    @Test
    void aRefusedCallExitsOneWithTheProblemsCodeOnStderr() {
        String reader =
                api().issue(admin(), Api.unique("cli-reader"), List.of("tokens.read"))
                        .getString("token");
        var refused =
                cli().with("LATCH_TOKEN", reader).run("token", "issue", "--name", Api.unique("x"));
        assertEquals(1, refused.code());
        assertEquals("", refused.out());
        assertTrue(
                refused.err().startsWith("latch token issue: permission_denied: "), refused.err());
    }

    @Test
    void caCertTrustsTheServerOverHttpsAndWithoutItTheCertificateIsNotTrusted() {
        Cli https = new Cli(Tls.base().toString()).with("LATCH_TOKEN", admin());
        var trusted = https.run("--ca-cert", Tls.file("ca.pem").toString(), "whoami");
        assertEquals(0, trusted.code(), trusted.err());
        assertTrue(trusted.out().contains("identity: bootstrap"), trusted.out());

        var untrusted = https.run("whoami");
        assertEquals(1, untrusted.code());
        assertEquals(
                "latch whoami: the certificate of "
                        + Tls.base()
                        + " is not trusted; pass --ca-cert\n",
                untrusted.err());
    }

    @Test
    void prexorsJoinFlowFromCreateToExchange() {
        String node = Api.unique("n").replace('_', '-');
        var created =
                asAdmin()
                        .run(
                                "join",
                                "create",
                                "--node-id",
                                node,
                                "--ttl",
                                "1h",
                                "--format",
                                "token");
        assertEquals(0, created.code(), created.err());
        String joinToken = created.out().strip();
        assertTrue(joinToken.startsWith("ljn_"), joinToken);
        assertTrue(asAdmin().run("join", "list").out().contains(node));

        // what the node runs: no bearer, the join token from the environment
        var exchanged =
                cli().with("LATCH_JOIN_TOKEN", joinToken)
                        .run("join", "exchange", "--node-id", node);
        assertEquals(0, exchanged.code(), exchanged.err());
        assertTrue(
                exchanged
                        .out()
                        .matches(
                                "Node credential for "
                                        + node
                                        + " \\(save this; not recoverable\\): lnd_\\S+\\n"),
                exchanged.out());
        var twice =
                cli().with("LATCH_JOIN_TOKEN", joinToken)
                        .run("join", "exchange", "--node-id", node);
        assertEquals(1, twice.code());
        assertTrue(twice.err().contains("failed_precondition (token_used)"), twice.err());

        var other = asAdmin().run("join", "create", "--format", "json");
        String id = json(other.out()).path("token_id").asText();
        assertEquals(
                new Cli.Run(0, "Revoked join token " + id + "\n", ""),
                asAdmin().run("join", "revoke", id));
    }

    @Test
    void pangolinsLoginKeepsTheSessionOwnerOnlyAndLogoutRevokesIt() throws Exception {
        String username = SessionsIT.user(api(), "operator").getString("username");
        Cli cli = cli();
        var login =
                cli.runWithStdin(
                        SessionsIT.PASSWORD + "\n",
                        "login",
                        "--username",
                        username,
                        "--password-stdin");
        assertEquals(0, login.code(), login.err());
        assertTrue(login.out().startsWith("✅ Logged in successfully as " + username), login.out());
        assertEquals(
                "rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.configFile())));
        String session = json(Files.readString(cli.configFile())).path("token").asText();

        var me = cli.run("whoami");
        assertTrue(me.out().contains("identity: " + username), me.out());
        assertTrue(me.out().contains("kind: session"), me.out());

        assertEquals(
                new Cli.Run(
                        0,
                        "✅ Token revoked successfully!\n"
                                + "You have been logged out. Please login again to continue.\n",
                        ""),
                cli.run("logout"));
        assertFalse(Files.exists(cli.configFile()));
        var revoked = cli().with("LATCH_TOKEN", session).run("whoami");
        assertEquals(1, revoked.code());
        assertTrue(revoked.err().startsWith("latch whoami: token_revoked: "), revoked.err());

        // logging out another credential leaves a kept session alone
        Cli kept = cli();
        kept.runWithStdin(
                SessionsIT.PASSWORD + "\n", "login", "--username", username, "--password-stdin");
        String other =
                api().issue(admin(), Api.unique("cli-other"), List.of("tokens.read"))
                        .getString("token");
        var otherOut = kept.with("LATCH_TOKEN", other).run("logout");
        assertEquals(0, otherOut.code(), otherOut.err());
        assertTrue(Files.exists(kept.configFile()));
        kept.env.remove("LATCH_TOKEN");
        assertEquals(0, kept.run("whoami").code(), "the kept session still works");

        var wrong =
                cli().runWithStdin(
                                "not the password\n",
                                "login",
                                "--username",
                                username,
                                "--password-stdin");
        assertEquals(1, wrong.code());
        assertTrue(wrong.err().startsWith("latch login: unauthenticated: "), wrong.err());
    }

    @Test
    void pangolinsServiceUsersTokensAndRevocations() {
        String name = Api.unique("cli-su").replace('_', '-');
        var created =
                asAdmin()
                        .run(
                                "service-user",
                                "create",
                                "--name",
                                name,
                                "--role",
                                "viewer",
                                "--format",
                                "json");
        assertEquals(0, created.code(), created.err());
        String id = json(created.out()).path("id").asText();
        var table = asAdmin().run("service-user", "list");
        assertTrue(rowOf(table.out(), name).contains("viewer"), table.out());

        var rotated = asAdmin().run("service-user", "rotate-key", "--id", id, "--grace", "1h");
        assertTrue(rotated.out().startsWith("✅ API key rotated successfully!\n"), rotated.out());
        assertTrue(rotated.out().contains("New API Key: lsk_"), rotated.out());

        var tokens = asAdmin().run("user", "tokens", "--user-id", id);
        assertEquals(3, tokens.out().split("\n").length, tokens.out()); // header, old and new key
        assertEquals(
                new Cli.Run(0, "✅ Revoked 2 credentials of user " + id + "\n", ""),
                asAdmin().run("user", "revoke-all", "--user-id", id));
        assertEquals(
                new Cli.Run(0, "✅ Service user deleted successfully!\n", ""),
                asAdmin().run("service-user", "delete", "--id", id));

        String tokenId =
                api().issue(admin(), Api.unique("cli-rid"), List.of("tokens.read"))
                        .getString("token_id");
        assertEquals(
                new Cli.Run(0, "✅ Token " + tokenId + " revoked successfully!\n", ""),
                asAdmin().run("token", "revoke-id", "--id", tokenId));
        assertEquals(
                new Cli.Run(0, "✅ Token " + tokenId + " deleted successfully!\n", ""),
                asAdmin().run("token", "delete", "--token-id", tokenId));
    }

    @Test
    void revokeSelectedPreviewsWithDryRunThenRevokes() {
        String prefix = Api.unique("cli-sel") + "-";
        List<String> secrets =
                List.of("a", "b").stream()
                        .map(n -> api().issue(admin(), prefix + n, List.of("tokens.read")))
                        .map(t -> t.getString("token"))
                        .toList();
        var dry =
                asAdmin()
                        .run(
                                "token",
                                "revoke-selected",
                                "--name-prefix",
                                prefix,
                                "--reason",
                                "cli test",
                                "--dry-run");
        assertEquals(0, dry.code(), dry.err());
        assertTrue(
                dry.out().startsWith("Would revoke 2 of 2 matched (0 out of reach, 0 remaining)\n"),
                dry.out());
        assertTrue(rowOf(dry.out(), prefix + "a").contains("operator"), dry.out());
        secrets.forEach(t -> assertEquals(200, api().get("api/v1/whoami", t).status()));

        var real =
                asAdmin()
                        .run(
                                "token",
                                "revoke-selected",
                                "--name-prefix",
                                prefix,
                                "--reason",
                                "cli test",
                                "--format",
                                "json");
        assertEquals(0, real.code(), real.err());
        assertEquals(2, json(real.out()).path("revoked").asInt(), real.out());
        secrets.forEach(t -> assertEquals(401, api().get("api/v1/whoami", t).status()));

        var empty = asAdmin().run("token", "revoke-selected", "--reason", "everything");
        assertEquals(2, empty.code());
        assertTrue(empty.err().contains("give at least one criterion"), empty.err());
        assertEquals(2, asAdmin().run("token", "revoke-selected", "--name-prefix", prefix).code());
        assertEquals(
                2,
                asAdmin()
                        .run("token", "revoke-selected", "--unused-for", "1week", "--reason", "r")
                        .code());
    }

    /** parachute's mint-token cases (its test suite, 003:143-771), against Latch. */
    @Test
    void parachutesMintTokenCases() {
        var minted = asAdmin().run("auth", "mint-token", "--scope", "scribe:transcribe");
        assertEquals(0, minted.code(), minted.err());
        String jwt = minted.out().strip();
        assertEquals(jwt + "\n", minted.out(), "stdout is the JWT and one newline");
        assertEquals(3, jwt.split("\\.").length);
        JsonNode claims = claims(jwt);
        assertEquals("scribe", claims.path("aud").asText());
        assertEquals("scribe:transcribe", claims.path("scope").asText());
        assertEquals("bootstrap", claims.path("sub").asText());

        assertEquals("vault.work", mint("--scope", "vault:work:read").path("aud").asText());
        assertEquals(
                "custom-resource",
                mint("--scope", "vault:work:read", "--aud", "custom-resource")
                        .path("aud")
                        .asText());
        JsonNode hour = mint("--scope", "scribe:transcribe", "--ttl", "1h");
        assertEquals(3600, hour.path("exp").asLong() - hour.path("iat").asLong());
        JsonNode year = mint("--scope", "scribe:transcribe", "--ttl", "365d");
        assertEquals(31_536_000, year.path("exp").asLong() - year.path("iat").asLong());
        JsonNode both = mint("--scope", "vault:work:read scribe:transcribe");
        assertEquals("vault:work:read scribe:transcribe", both.path("scope").asText());
        assertEquals("vault.work", both.path("aud").asText());
        assertEquals(
                "agent:scribe-runner",
                mint("--scope", "scribe:transcribe", "--sub", "agent:scribe-runner")
                        .path("sub")
                        .asText());

        // parachute's "operator token without hub:admin": a credential that may not mint
        String reader =
                api().issue(admin(), Api.unique("cli-nomint"), List.of("tokens.read"))
                        .getString("token");
        var refused =
                cli().with("LATCH_TOKEN", reader)
                        .run("auth", "mint-token", "--scope", "scribe:transcribe");
        assertEquals(1, refused.code());
        assertEquals("", refused.out(), "no token emitted");
        assertTrue(
                refused.err().startsWith("latch auth mint-token: permission_denied: "),
                refused.err());
    }

    @Test
    void busIssuesWithTheInternalKeyAndLocallyWithTheSharedSecret() {
        var remote =
                asAdmin()
                        .run(
                                "operator",
                                "token",
                                "--internal-key-file",
                                resource("internal-key.txt"),
                                "--format",
                                "token",
                                "issue",
                                "--subject",
                                "billing-worker",
                                "--audience",
                                "ai.hg.fi/api",
                                "--scope",
                                "billing:read billing:entitlement:check",
                                "--ttl",
                                "1h");
        assertEquals(0, remote.code(), remote.err());
        JsonNode claims = claims(remote.out().strip());
        assertEquals("billing-worker", claims.path("sub").asText());
        assertEquals("billing:read billing:entitlement:check", claims.path("scope").asText());

        var wrongKey =
                cli().with("BUS_OPERATOR_INTERNAL_KEY", "not-the-internal-key-but-long-enough-1234")
                        .run(
                                "operator",
                                "token",
                                "issue",
                                "--subject",
                                "s",
                                "--audience",
                                "a",
                                "--scope",
                                "x");
        assertEquals(1, wrongKey.code());
        assertTrue(wrongKey.err().contains("unauthenticated"), wrongKey.err());

        var local =
                cli().run(
                                "operator",
                                "token",
                                "issue",
                                "--local",
                                "--hs256-secret-file",
                                resource("hs256-secret.txt"),
                                "--issuer",
                                "http://localhost:8080",
                                "--subject",
                                "local-op",
                                "--scope",
                                "tokens.read");
        assertEquals(0, local.code(), local.err());
        var me = cli().with("LATCH_TOKEN", local.out().strip()).run("whoami");
        assertEquals(0, me.code(), me.err());
        assertTrue(me.out().contains("identity: hs256:local-op"), me.out());
    }

    @Test
    void whoamiAuditAndKeys() {
        assertTrue(asAdmin().run("whoami").out().contains("identity: bootstrap"));
        var events = asAdmin().run("audit", "list", "--limit", "3", "--format", "json");
        assertEquals(0, events.code(), events.err());
        assertTrue(json(events.out()).size() <= 3);
        var verified = asAdmin().run("audit", "verify");
        assertEquals(0, verified.code(), verified.err());
        assertTrue(verified.out().startsWith("Audit chain intact: "), verified.out());
        assertTrue(asAdmin().run("keys", "list").out().contains(" active "));
        var rotated = asAdmin().run("keys", "rotate");
        assertTrue(rotated.out().matches("Rotated: signing key \\S+ is active\\n"), rotated.out());
    }

    /** The packaged jar runs on its own: no class of the build's classpath is missing from it. */
    @Test
    void theCliJarRunsOnItsOwn() throws Exception {
        Process latch =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-jar",
                                System.getProperty("latch.test.cli.jar"),
                                "--server",
                                base.toString(),
                                "whoami")
                        .redirectErrorStream(true)
                        .start();
        latch.getOutputStream().close();
        String out = new String(latch.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // no credential in this process's environment or home: the CLI says so, from the jar
        assertEquals(1, latch.waitFor(), out);
        assertTrue(out.contains("latch whoami: no credential"), out);
    }

    private JsonNode mint(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "auth";
        all[1] = "mint-token";
        System.arraycopy(args, 0, all, 2, args.length);
        var run = asAdmin().run(all);
        assertEquals(0, run.code(), run.err());
        return claims(run.out().strip());
    }

    private static JsonNode claims(String jwt) {
        return json(
                new String(
                        Base64.getUrlDecoder().decode(jwt.split("\\.")[1]),
                        StandardCharsets.UTF_8));
    }

    private static JsonNode json(String text) {
        try {
            return Server.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(text, e);
        }
    }

    private static String rowOf(String table, String name) {
        return table.lines()
                .filter(l -> (" " + l + " ").contains(" " + name + " "))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in\n" + table));
    }
}
