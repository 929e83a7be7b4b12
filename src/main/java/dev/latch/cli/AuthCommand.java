package dev.latch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** parachute's {@code auth mint-token}, with its flags, checks, messages and output. */
@Command(name = "auth", description = "Scope-narrow JWTs (parachute).")
final class AuthCommand {

    /** parachute's cap; the server applies its own (latch.jwt.max-ttl) too. */
    private static final Duration MAX_TTL = Duration.ofDays(365);

    private final Latch latch;

    AuthCommand(Latch latch) {
        this.latch = latch;
    }

    @PrintsCredential
    @Command(
            name = "mint-token",
            customSynopsis =
                    "latch auth mint-token --scope <scope> [--aud <aud>] [--ttl <duration>] [--sub"
                            + " <sub>]",
            description = {
                "Mint a scope-narrow JWT against the caller's identity (stdout = JWT). Pipeable:"
                        + " latch auth mint-token --scope scribe:transcribe | pbcopy.",
                "The audience defaults by parachute's rule (vault:<name>:<verb> -> vault.<name>,"
                        + " else the first scope's namespace, else hub); TTL defaults to 90d, caps"
                        + " at 365d."
            })
    int mintToken(
            @Option(names = "--scope", required = true, paramLabel = "<scope>") String scope,
            @Option(names = "--aud", paramLabel = "<aud>") String aud,
            @Option(names = "--ttl", paramLabel = "<duration>") String ttl,
            @Option(names = "--sub", paramLabel = "<sub>") String sub) {
        requireValue("--scope", scope);
        requireValue("--aud", aud);
        requireValue("--ttl", ttl);
        requireValue("--sub", sub);
        String scopes =
                Arrays.stream(scope.split("\\s+"))
                        .filter(s -> !s.isEmpty())
                        .collect(Collectors.joining(" "));
        if (scopes.isEmpty()) {
            throw new Usage("--scope must contain at least one scope");
        }
        if (ttl != null) {
            Latch.duration("--ttl", ttl, MAX_TTL);
        }
        if (latch.bearer().isEmpty()) {
            throw new Refused(
                    0,
                    null,
                    "no operator token found at "
                            + latch.configFile()
                            + "\nrun `latch login` (a user) or pass --token-file with an operator"
                            + " token (the first run's data/bootstrap.token) to mint one");
        }
        ObjectNode body = Server.JSON.createObjectNode().put("scope", scopes);
        if (aud != null) {
            body.put("aud", aud);
        }
        if (ttl != null) {
            body.put("ttl", ttl);
        }
        if (sub != null) {
            body.put("sub", sub);
        }
        JsonNode minted = latch.server().post("api/v1/jwt/mint", body);
        String jwt = minted.path("token").asText();
        latch.result(minted, () -> jwt + "\n", jwt);
        return 0;
    }

    /** parachute: a flag given with nothing after it ({@code --scope=}) is a usage error. */
    private static void requireValue(String flag, String value) {
        if (value != null && value.isEmpty()) {
            throw new Usage(flag + " requires a value");
        }
    }
}
