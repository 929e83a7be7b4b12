package dev.latch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/**
 * The command line without a server (nothing listens at its URL, so a request would end in exit 1):
 * parsing, parachute's argument checks and messages, formats, exit codes.
 */
class LatchCliTest {

    private final Cli cli = new Cli("http://127.0.0.1:9");

    private static final String MINT_USAGE =
            "usage: latch auth mint-token --scope <scope> [--aud <aud>] [--ttl <duration>] [--sub"
                    + " <sub>]";

    @Test
    void aMissingScopeIsAUsageErrorWithParachutesUsageLine() {
        var run = cli.run("auth", "mint-token");
        assertEquals(2, run.code());
        assertEquals("", run.out());
        assertEquals("latch auth mint-token: --scope is required\n" + MINT_USAGE + "\n", run.err());
    }

    @Test
    void anUnknownFlagIsNamedEvenWhenTheScopeIsMissingToo() {
        var run = cli.run("auth", "mint-token", "--lol");
        assertEquals(2, run.code());
        assertTrue(
                run.err().startsWith("latch auth mint-token: unknown flag \"--lol\"\n"), run.err());
    }

    @Test
    void badTtlsAreRefusedHereInParachutesWords() {
        assertUsage(
                "invalid --ttl \"0s\" — must be > 0",
                "auth",
                "mint-token",
                "--scope",
                "s:t",
                "--ttl",
                "0s");
        assertUsage(
                "--ttl \"400d\" exceeds 365d cap",
                "auth",
                "mint-token",
                "--scope",
                "s:t",
                "--ttl",
                "400d");
        assertUsage(
                "invalid --ttl \"1week\" — expected e.g. 90d, 24h, 30m, 60s",
                "auth",
                "mint-token",
                "--scope",
                "s:t",
                "--ttl",
                "1week");
    }

    @Test
    void aBlankScopeOrAnEmptyValueIsAUsageError() {
        assertUsage(
                "--scope must contain at least one scope", "auth", "mint-token", "--scope", "  ");
        assertUsage("--scope requires a value", "auth", "mint-token", "--scope=");
        assertUsage("--scope requires a value", "auth", "mint-token", "--scope");
        assertUsage("--aud requires a value", "auth", "mint-token", "--scope", "a:b", "--aud=");
    }

    @Test
    void withoutAnyCredentialMintTokenSaysWhereItLookedAndWhatToRun() {
        var run = cli.run("auth", "mint-token", "--scope", "scribe:transcribe");
        assertEquals(1, run.code());
        assertEquals("", run.out());
        assertTrue(run.err().contains("no operator token found at " + cli.configFile()), run.err());
        assertTrue(run.err().contains("run `latch login`"), run.err());
    }

    @Test
    void bothFlagSyntaxesParseAlike() {
        assertUsage("invalid --expiring \"0s\" — must be > 0", "token", "list", "--expiring=0s");
        assertUsage("invalid --expiring \"0s\" — must be > 0", "token", "list", "--expiring", "0s");
    }

    @Test
    void formatTokenOnACommandWithoutACredentialIsRefusedBeforeAnyRequest() {
        // a request would fail to connect (exit 1); the usage error comes first
        assertUsage(
                "--format token: this command prints no credential; use table or json",
                "token",
                "revoke",
                "ci-deploy",
                "--format",
                "token");
    }

    @Test
    void secretsAreNeverTakenAsFlagValues() {
        assertUsage("unknown flag \"--password\"", "login", "--username", "u", "--password", "p");
        assertUsage(
                "unknown flag \"--internal-key\"",
                "operator",
                "token",
                "--internal-key",
                "k",
                "issue",
                "--subject",
                "s",
                "--scope",
                "a");
        assertUsage(
                "missing --internal-key-file or BUS_OPERATOR_INTERNAL_KEY",
                "operator",
                "token",
                "issue",
                "--subject",
                "s",
                "--audience",
                "x",
                "--scope",
                "a");
    }

    @Test
    void aServerThatCannotBeReachedIsAFailureNotAUsageError() {
        var run = cli.with("LATCH_TOKEN", "lop_x").run("whoami");
        assertEquals(1, run.code());
        assertEquals(
                "latch whoami: cannot reach http://127.0.0.1:9/ (connection refused)\n", run.err());
    }

    @Test
    void versionHelpAndCompletionAnswerWithoutAServer() {
        assertEquals(new Cli.Run(0, "latch " + Latch.VERSION + "\n", ""), cli.run("--version"));
        var help = cli.run("token", "issue", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--allow-privileged"), help.out());
        var bash = cli.run("completion", "bash");
        assertEquals(0, bash.code());
        assertTrue(bash.out().contains("mint-token"), "generated from the command model");
        assertTrue(cli.run("completion", "zsh").out().startsWith("autoload -U +X compinit"));
        assertUsage("SHELL must be bash or zsh", "completion", "fish");
    }

    @Test
    void jacosListKeepsItsColumnsAndWidths() {
        String table =
                new Table()
                        .column("IDENTITY", 30)
                        .column("ISSUED", 20)
                        .column("REVOKED")
                        .row("bootstrap", "2026-05-01T12:00:00Z", "-")
                        .row("ci-deploy", "2026-05-02T09:14:00Z", "2026-05-24T08:00:00Z")
                        .toString();
        assertEquals(
                "IDENTITY                       ISSUED               REVOKED\n"
                        + "bootstrap                      2026-05-01T12:00:00Z -\n"
                        + "ci-deploy                      2026-05-02T09:14:00Z 2026-05-24T08:00:00Z\n",
                table);
    }

    @Test
    void outputReplacesAnExistingFileWithAnOwnerOnlyOne() throws Exception {
        Path file = Files.createTempFile("latch-output", ".sh");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(
                new Cli.Run(0, "", ""), cli.run("completion", "bash", "--output", file.toString()));
        assertEquals(
                "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(Files.readString(file).contains("mint-token"));
        // an --output that cannot be written stops the command before anything is asked
        assertUsage(
                "--output /no/such/dir/f cannot be written (no such directory, not writable, or not a"
                        + " regular file)",
                "join",
                "create",
                "--output",
                "/no/such/dir/f");
    }

    @Test
    void aCredentialThatIsNotOneTokenIsRefusedWithoutEchoingIt() throws Exception {
        Path file = Files.createTempFile("latch-token", ".txt");
        Files.writeString(file, "lop_SECRETLINE1\nlop_SECRETLINE2\n");
        var run = cli.run("whoami", "--token-file", file.toString());
        assertEquals(2, run.code());
        assertFalse(run.err().contains("SECRETLINE"), run.err());
        assertTrue(run.err().contains("is not one token"), run.err());
    }

    @Test
    void aBrokenConfigIsNamedButNotEchoed() throws Exception {
        Files.createDirectories(cli.configFile().getParent());
        Files.writeString(cli.configFile(), "lop_TOPSECRETvalue");
        var run = cli.run("whoami");
        assertEquals(1, run.code());
        assertFalse(run.err().contains("TOPSECRET"), run.err());
        assertTrue(run.err().contains(cli.configFile() + " is not a latch config"), run.err());
    }

    @Test
    void globalOptionsGoBeforeTheCommandTooEvenWhenTheirValueIsACommandsName() {
        // parsed (not a usage error): the run ends at the unreachable server
        var run = cli.with("LATCH_TOKEN", "lop_x").run("--format", "token", "join", "create");
        assertEquals(1, run.code(), run.err());
        assertTrue(run.err().contains("cannot reach"), run.err());
    }

    @Test
    void aBadServerUrlIsAUsageError() {
        assertUsage(
                "--server must be an http or https URL with a host and no user or password, not"
                        + " \"http:///x\"",
                "whoami",
                "--server",
                "http:///x");
        assertUsage(
                "--server must be an http or https URL with a host and no user or password, not"
                        + " \"http://localhost:99999\"",
                "whoami",
                "--server",
                "http://localhost:99999");
    }

    @Test
    void anEmptyTokenAUserInTheUrlAndAValueForASwitchAreUsageErrorsThatRepeatNoSecret() {
        assertUsage("--token is empty", "whoami", "--token", "");
        var userinfo = cli.run("whoami", "--server", "http://user:SEKRETPW@127.0.0.1:1");
        assertEquals(2, userinfo.code());
        assertFalse(userinfo.err().contains("SEKRETPW"), userinfo.err());
        var flag = cli.run("login", "--username", "u", "--password-stdin=SEKRETPASS5");
        assertEquals(2, flag.code());
        assertFalse(flag.err().contains("SEKRETPASS5"), flag.err());
    }

    @Test
    void helpThatCannotBeWrittenIsAFailure() {
        var broken =
                new PrintStream(
                        new OutputStream() {
                            @Override
                            public void write(int b) throws IOException {
                                throw new IOException("no space left");
                            }
                        });
        var err = new java.io.ByteArrayOutputStream();
        int code =
                new Latch(
                                cli.env,
                                broken,
                                new PrintStream(err, true, StandardCharsets.UTF_8),
                                InputStream.nullInputStream(),
                                null)
                        .run("--version");
        assertEquals(1, code);
    }

    @Test
    void aFlagsValueWrittenIntoItIsNotRepeated() {
        var run = cli.run("login", "--username", "u", "--password=hunter2secret");
        assertEquals(2, run.code());
        assertFalse(run.err().contains("hunter2secret"), run.err());
        assertTrue(run.err().contains("unknown flag \"--password=…\""), run.err());
    }

    @Test
    void aRedirectOrAnAnswerThatIsNotLatchsJsonIsAFailure() throws Exception {
        HttpServer fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fake.createContext(
                "/",
                exchange -> {
                    boolean redirect = exchange.getRequestURI().getPath().contains("revoke");
                    byte[] html = "<html>hello</html>".getBytes(StandardCharsets.UTF_8);
                    if (redirect) {
                        exchange.getResponseHeaders().add("Location", "https://elsewhere/");
                        exchange.sendResponseHeaders(308, -1);
                    } else {
                        exchange.sendResponseHeaders(200, html.length);
                        exchange.getResponseBody().write(html);
                    }
                    exchange.close();
                });
        fake.start();
        try {
            Cli against =
                    new Cli("http://127.0.0.1:" + fake.getAddress().getPort())
                            .with("LATCH_TOKEN", "lop_x");
            var revoked = against.run("token", "revoke", "someone");
            assertEquals(1, revoked.code(), revoked.toString());
            assertEquals("", revoked.out());
            assertTrue(
                    revoked.err().contains("answered HTTP 308 (to https://elsewhere/)"),
                    revoked.err());
            var minted = against.run("auth", "mint-token", "--scope", "a:b", "--format", "token");
            assertEquals(1, minted.code());
            assertEquals("", minted.out());
            assertTrue(minted.err().contains("is not Latch's JSON"), minted.err());
        } finally {
            fake.stop(0);
        }
    }

    private void assertUsage(String message, String... args) {
        var run = cli.run(args);
        assertEquals(2, run.code(), run.err());
        assertEquals("", run.out());
        String[] lines = run.err().split("\n");
        assertTrue(lines[0].endsWith(": " + message), run.err());
        assertTrue(lines[1].startsWith("usage: latch "), run.err());
    }
}
