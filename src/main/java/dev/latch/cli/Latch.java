package dev.latch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latch.platform.control.LatchException;
import dev.latch.platform.control.Ttl;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code latch}: the five seed tools' command lines over Latch's REST API. Results on stdout,
 * messages on stderr; exit 0 done, 1 refused or failed, 2 a wrong command line.
 */
@Command(
        name = "latch",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        versionProvider = Latch.Version.class,
        description = "Latch's command line: operator tokens, join tokens, users, JWTs, audit.",
        subcommands = {
            TokenCommand.class,
            JoinCommand.class,
            LoginCommand.class,
            LogoutCommand.class,
            UserCommand.class,
            ServiceUserCommand.class,
            AuthCommand.class,
            OperatorCommand.class,
            WhoAmICommand.class,
            AuditCommand.class,
            KeysCommand.class,
            CompletionCommand.class
        })
public class Latch {

    static final String VERSION = "0.1.0";

    /** How results are printed. */
    enum Format {
        table,
        json,
        token
    }

    @Option(
            names = "--server",
            scope = ScopeType.INHERIT,
            paramLabel = "URL",
            description = "Latch's base URL (env LATCH_URL; default http://localhost:8080)")
    String server;

    @Option(
            names = "--token",
            scope = ScopeType.INHERIT,
            paramLabel = "TOKEN",
            description = "bearer credential (env LATCH_TOKEN; default: the `latch login` session)")
    String token;

    @Option(
            names = "--token-file",
            scope = ScopeType.INHERIT,
            paramLabel = "FILE",
            description = "read the bearer credential from FILE (e.g. data/bootstrap.token)")
    Path tokenFile;

    @Option(
            names = "--ca-cert",
            scope = ScopeType.INHERIT,
            paramLabel = "PEM",
            description = "trust only the CA certificate(s) in PEM for https")
    Path caCert;

    @Option(
            names = "--timeout",
            scope = ScopeType.INHERIT,
            paramLabel = "DURATION",
            description = "give up on the server after this long (default 30s)")
    String timeout;

    @Option(
            names = "--format",
            scope = ScopeType.INHERIT,
            paramLabel = "FORMAT",
            description = "table (default), json, or token: the credential and one newline")
    Format format;

    @Option(
            names = "--output",
            scope = ScopeType.INHERIT,
            paramLabel = "FILE",
            description = "write the result to FILE (created 0600) instead of stdout")
    Path output;

    @Option(
            names = {"-q", "--quiet"},
            scope = ScopeType.INHERIT,
            description = "print no confirmation lines, only results and errors")
    boolean quiet;

    @Spec CommandSpec spec;

    final Map<String, String> env;
    final PrintStream out;
    final PrintStream err;
    final InputStream in;
    final Prompt prompt;

    public Latch(
            Map<String, String> env,
            PrintStream out,
            PrintStream err,
            InputStream in,
            Prompt prompt) {
        this.env = env;
        this.out = out;
        this.err = err;
        this.in = in;
        this.prompt = prompt;
    }

    public static void main(String[] args) {
        var console = System.console();
        Prompt prompt =
                console == null
                        ? null
                        : label -> {
                            char[] typed = console.readPassword("%s", label);
                            return typed == null ? null : new String(typed);
                        };
        System.exit(
                new Latch(System.getenv(), System.out, System.err, System.in, prompt).run(args));
    }

    /** Runs one command line; the exit code. */
    public int run(String... args) {
        CommandLine line = new CommandLine(this, new Factory());
        line.setOut(new java.io.PrintWriter(out, true, StandardCharsets.UTF_8));
        line.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        line.setParameterExceptionHandler(new Errors(this));
        line.setExecutionExceptionHandler(new Errors(this));
        line.setExecutionStrategy(this::checkedRun);
        // parachute's parsing: a flag takes the next word as its value whatever it looks like, the
        // last of a repeated flag wins, and a value may be a subcommand's name (--format token)
        line.setAllowOptionsAsOptionParameters(true);
        line.setAllowSubcommandsAsOptionParameters(true);
        line.setOverwrittenOptionsAllowed(true);
        line.registerConverter(UUID.class, Latch::uuid);
        int code = line.execute(args);
        if (code == 0 && out.checkError()) {
            err.println("latch: cannot write the result to stdout");
            return 1;
        }
        return code;
    }

    /** A wrong --format is a usage error before anything is asked of the server. */
    private int checkedRun(CommandLine.ParseResult parsed) {
        CommandLine leaf = parsed.asCommandLineList().get(parsed.asCommandLineList().size() - 1);
        Object command = leaf.getCommandSpec().userObject();
        boolean credential =
                command instanceof java.lang.reflect.Method method
                        ? method.isAnnotationPresent(PrintsCredential.class)
                        : command.getClass().isAnnotationPresent(PrintsCredential.class);
        if (format() == Format.token && !credential) {
            throw new CommandLine.ParameterException(
                    leaf, "--format token: this command prints no credential; use table or json");
        }
        checkOutput(leaf);
        return new CommandLine.RunLast().execute(parsed);
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("must be a UUID");
        }
    }

    /** Reads a secret without echo, or null when there is no terminal. */
    @FunctionalInterface
    public interface Prompt {
        String read(String label);
    }

    URI serverUrl() {
        if (server != null) {
            return url(server, "--server");
        }
        if (env.get("LATCH_URL") != null) {
            return url(env.get("LATCH_URL"), "LATCH_URL");
        }
        Optional<String> kept = Session.loadIfSound(this).map(Session::server);
        return kept.isPresent()
                ? url(kept.get(), "the server in " + configFile())
                : URI.create("http://localhost:8080/");
    }

    /** An http(s) URL with a host and a valid port, as the base of API paths. */
    static URI url(String value, String source) {
        try {
            URI uri = new URI(value.endsWith("/") ? value : value + "/");
            if (!("http".equalsIgnoreCase(uri.getScheme())
                            || "https".equalsIgnoreCase(uri.getScheme()))
                    || uri.getHost() == null
                    || uri.getRawUserInfo() != null
                    || uri.getPort() > 65_535) {
                throw new URISyntaxException(value, "not an http(s) URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new Usage(
                    source
                            + " must be an http or https URL with a host and no user or password,"
                            + " not \""
                            + value.replaceAll("//[^/@]*@", "//…@")
                            + "\"");
        }
    }

    Duration timeout() {
        return duration("--timeout", timeout == null ? "30s" : timeout, Duration.ofHours(1));
    }

    /** A duration flag judged by the server's own rules and words; a bad one is a usage error. */
    static Duration duration(String flag, String value, Duration cap) {
        try {
            return Ttl.of(flag, value, cap);
        } catch (LatchException e) {
            throw new Usage(e.getMessage());
        }
    }

    /** The caller's credential: --token, --token-file, LATCH_TOKEN, then the login session. */
    Optional<String> bearer() {
        if (token != null) {
            // an empty --token is a mistake (an unset variable), never a fall back to the session
            if (token.isBlank()) {
                throw new Usage("--token is empty");
            }
            return Optional.of(single(token.strip(), "--token"));
        }
        if (tokenFile != null) {
            return Optional.of(single(readSecret(tokenFile, "--token-file"), "--token-file"));
        }
        String fromEnv = env.get("LATCH_TOKEN");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(single(fromEnv.strip(), "LATCH_TOKEN"));
        }
        return Session.load(this).map(s -> single(s.token(), "the session in " + configFile()));
    }

    /** True when the credential comes from the command line or the environment, not the session. */
    boolean explicitCredential() {
        return token != null
                || tokenFile != null
                || (env.get("LATCH_TOKEN") != null && !env.get("LATCH_TOKEN").isBlank());
    }

    /** One token of visible ASCII (a header value); the credential itself is never echoed. */
    static String single(String credential, String source) {
        if (credential == null
                || credential.isEmpty()
                || !credential.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new Usage(
                    "the credential from "
                            + source
                            + " is not one token (spaces, line breaks or"
                            + " other characters a bearer token never holds)");
        }
        return credential;
    }

    /** The server, as the caller. */
    Server server() {
        return new Server(
                serverUrl(),
                bearer().orElseThrow(
                                () ->
                                        new Refused(
                                                0,
                                                null,
                                                "no credential: pass --token or --token-file, set"
                                                        + " LATCH_TOKEN, or run `latch login`")),
                timeout(),
                caCert);
    }

    /** The server, without a credential (login, join exchange). */
    Server anonymous() {
        return new Server(serverUrl(), null, timeout(), caCert);
    }

    Format format() {
        return format == null ? Format.table : format;
    }

    Path configFile() {
        String base = env.get("XDG_CONFIG_HOME");
        Path dir =
                base == null || base.isBlank()
                        ? Path.of(
                                env.getOrDefault("HOME", System.getProperty("user.home")),
                                ".config")
                        : Path.of(base);
        return dir.resolve("latch").resolve("config");
    }

    /**
     * Prints a result: the server's JSON, the table, or the credential alone. With --output the
     * text goes to that file, created owner-only.
     */
    void result(JsonNode json, Supplier<String> table, String credential) {
        if (credential != null && credential.isBlank()) {
            throw new Refused(0, null, "the server's answer holds no credential");
        }
        String text =
                switch (format()) {
                    case json -> json.toPrettyString() + "\n";
                    case token -> credential + "\n";
                    case table -> table.get();
                };
        write(text);
    }

    /** A confirmation line in table format (none with --quiet); the server's JSON in json. */
    void confirm(JsonNode json, String line) {
        if (format() == Format.json) {
            write((json.isMissingNode() ? "{}" : json.toPrettyString()) + "\n");
        } else if (!quiet) {
            write(line + "\n");
        }
    }

    /** Writes to stdout, or replaces --output with an owner-only file holding the text. */
    void write(String text) {
        if (output == null) {
            out.print(text);
            out.flush();
            if (out.checkError()) {
                throw new Refused(0, null, "cannot write the result to stdout");
            }
            return;
        }
        try {
            Path dir = output.toAbsolutePath().getParent();
            Path partial =
                    Files.createTempFile(
                            dir,
                            ".latch",
                            ".partial",
                            PosixFilePermissions.asFileAttribute(
                                    PosixFilePermissions.fromString("rw-------")));
            Files.writeString(partial, text, StandardCharsets.UTF_8);
            Files.move(
                    partial,
                    output,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new Refused(0, null, "cannot write --output " + output);
        }
    }

    /** --output must be writable before anything is asked of the server: a secret is shown once. */
    private void checkOutput(CommandLine leaf) {
        if (output == null) {
            return;
        }
        Path dir = output.toAbsolutePath().getParent();
        boolean writable = false;
        if (dir != null
                && (!Files.exists(output, LinkOption.NOFOLLOW_LINKS)
                        || Files.isRegularFile(output, LinkOption.NOFOLLOW_LINKS)
                        || Files.isSymbolicLink(output))) {
            try {
                // the real test: a file made where the result will be moved
                Files.delete(Files.createTempFile(dir, ".latch", ".check"));
                writable = true;
            } catch (IOException | RuntimeException e) {
                writable = false;
            }
        }
        if (!writable) {
            throw new CommandLine.ParameterException(
                    leaf,
                    "--output "
                            + output
                            + " cannot be written (no such directory, not writable, or not a"
                            + " regular file)");
        }
    }

    /** A secret from a file: its content without surrounding whitespace, never empty. */
    static String readSecret(Path file, String option) {
        try {
            String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (secret.isEmpty()) {
                throw new Usage(option + " " + file + " is empty");
            }
            return secret;
        } catch (IOException e) {
            throw new Usage(option + " " + file + " cannot be read: " + e.getMessage());
        }
    }

    /** Creates the commands, handing each this run's environment. */
    private final class Factory implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getDeclaredConstructor(Latch.class).newInstance(Latch.this);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"latch " + VERSION};
        }
    }
}
