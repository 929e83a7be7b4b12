package dev.latch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** prexor's join tokens: create, list, revoke, and the exchange a joining node runs. */
@Command(name = "join", description = "Join tokens for machines joining a cluster (prexor).")
final class JoinCommand {

    private final Latch latch;

    JoinCommand(Latch latch) {
        this.latch = latch;
    }

    @PrintsCredential
    @Command(name = "create", description = "Create a join token; its secret is shown once.")
    int create(
            @Option(names = "--node-id", paramLabel = "NODE", description = "bind it to one node")
                    String nodeId,
            @Option(
                            names = "--ttl",
                            paramLabel = "DURATION",
                            description = "lifetime, e.g. 1h or 3600s (server default 24h)")
                    String ttl,
            @Option(names = "--max-uses", paramLabel = "N", description = "exchanges allowed (1)")
                    Integer maxUses) {
        ObjectNode body = Server.JSON.createObjectNode();
        if (nodeId != null) {
            body.put("node_id", nodeId);
        }
        if (ttl != null) {
            // prexor counts whole seconds; the server applies its 7-day cap
            body.put(
                    "ttl_seconds", Latch.duration("--ttl", ttl, Duration.ofDays(3650)).toSeconds());
        }
        if (maxUses != null) {
            body.put("max_uses", maxUses);
        }
        JsonNode created = latch.server().post("api/v1/admin/tokens", body);
        String secret = created.path("join_token").asText();
        latch.result(
                created,
                () ->
                        "Join token "
                                + created.path("token_id").asText()
                                + (nodeId == null ? "" : " for node " + nodeId)
                                + ", expires "
                                + Table.epochMillis(created, "expires_at_epoch_ms")
                                + " (save this; not recoverable): "
                                + secret
                                + "\n",
                secret);
        return 0;
    }

    @Command(name = "list", description = "Join tokens (all pages); --all adds revoked and used.")
    int list(@Option(names = "--all", description = "include revoked and used") boolean all) {
        JsonNode tokens =
                latch.server()
                        .all(
                                "api/v1/admin/tokens",
                                all ? Map.of("include", "revoked,used") : Map.of(),
                                "tokens");
        latch.result(
                tokens,
                () -> {
                    Table table =
                            new Table()
                                    .column("TOKEN_ID", 36)
                                    .column("NODE_ID", 12)
                                    .column("EXPIRES", 20)
                                    .column("STATUS", 7)
                                    .column("USES");
                    tokens.forEach(
                            t ->
                                    table.row(
                                            Table.text(t, "token_id"),
                                            Table.text(t, "node_id"),
                                            Table.epochMillis(t, "expires_at_epoch_ms"),
                                            status(t),
                                            t.path("uses").asInt()
                                                    + "/"
                                                    + t.path("max_uses").asInt()));
                    return table.toString();
                },
                null);
        return 0;
    }

    private static String status(JsonNode token) {
        if (token.path("revoked").asBoolean()) {
            return "revoked";
        }
        if (token.path("expired").asBoolean()) {
            return "expired";
        }
        return token.path("uses").asInt() >= token.path("max_uses").asInt() ? "used" : "active";
    }

    @Command(name = "revoke", description = "Revoke a join token by its id.")
    int revoke(@Parameters(paramLabel = "TOKEN_ID") UUID id) {
        JsonNode revoked = latch.server().delete("api/v1/admin/tokens/" + id);
        latch.confirm(revoked, "Revoked join token " + id);
        return 0;
    }

    @PrintsCredential
    @Command(
            name = "exchange",
            description =
                    "Exchange a join token for this node's credential (what a joining node runs;"
                            + " the join token from --join-token-file or LATCH_JOIN_TOKEN).")
    int exchange(
            @Option(names = "--node-id", required = true, paramLabel = "NODE") String nodeId,
            @Option(names = "--join-token-file", paramLabel = "FILE") Path joinTokenFile) {
        String joinToken =
                joinTokenFile != null
                        ? Latch.readSecret(joinTokenFile, "--join-token-file")
                        : latch.env.get("LATCH_JOIN_TOKEN");
        if (joinToken == null || joinToken.isBlank()) {
            throw new Usage(
                    "the join token is required: --join-token-file FILE or LATCH_JOIN_TOKEN");
        }
        JsonNode exchanged =
                latch.anonymous()
                        .post(
                                "api/v1/bootstrap/exchange",
                                Map.of("join_token", joinToken.strip(), "node_id", nodeId));
        String credential = exchanged.path("node_token").asText();
        latch.result(
                exchanged,
                () ->
                        "Node credential for "
                                + nodeId
                                + " (save this; not recoverable): "
                                + credential
                                + "\n",
                credential);
        return 0;
    }
}
