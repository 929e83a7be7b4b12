package dev.latch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** jaco's {@code token issue|revoke|list} and pangolin's {@code revoke-id} and {@code delete}. */
@Command(name = "token", description = "Operator tokens (jaco) and token records (pangolin).")
final class TokenCommand {

    private final Latch latch;

    TokenCommand(Latch latch) {
        this.latch = latch;
    }

    @PrintsCredential
    @Command(name = "issue", description = "Issue an operator token; its secret is shown once.")
    int issue(
            @Option(names = "--name", required = true, paramLabel = "N", description = "identity")
                    String name,
            @Option(names = "--allow-privileged", description = "may issue privileged tokens")
                    boolean allowPrivileged,
            @Option(
                            names = "--permissions",
                            split = ",",
                            paramLabel = "P",
                            description = "permissions (default: the caller's, without admin)")
                    List<String> permissions,
            @Option(names = "--ttl", paramLabel = "DURATION", description = "lifetime (90d)")
                    String ttl,
            @Option(names = "--description", paramLabel = "TEXT") String description,
            @Option(
                            names = "--mint-scopes",
                            split = ",",
                            paramLabel = "S",
                            description = "scopes its JWTs may carry for other audiences")
                    List<String> mintScopes) {
        ObjectNode body = Server.JSON.createObjectNode().put("name", name);
        if (allowPrivileged) {
            body.put("allow_privileged", true);
        }
        if (permissions != null) {
            permissions.forEach(body.putArray("permissions")::add);
        }
        if (ttl != null) {
            // the format and sign here; the server judges the cap it is configured with
            Latch.duration("--ttl", ttl, Duration.ofDays(36_500));
            body.put("ttl", ttl);
        }
        if (description != null) {
            body.put("description", description);
        }
        if (mintScopes != null) {
            mintScopes.forEach(body.putArray("mint_scopes")::add);
        }
        JsonNode issued = latch.server().post("api/v1/tokens", body);
        String secret = issued.path("token").asText();
        latch.result(
                issued,
                () -> "Token for " + name + " (save this; not recoverable): " + secret + "\n",
                secret);
        return 0;
    }

    @Command(name = "revoke", description = "Revoke the active operator token of an identity.")
    int revoke(@Parameters(paramLabel = "IDENTITY") String identity) {
        JsonNode revoked = latch.server().post("api/v1/tokens/revoke", Map.of("name", identity));
        latch.confirm(revoked, "Revoked token for " + identity);
        return 0;
    }

    @Command(name = "list", description = "Every token, newest first; never a secret (all pages).")
    int list(
            @Option(
                            names = "--status",
                            paramLabel = "S",
                            description = "active, revoked, expired or all (default)")
                    String status,
            @Option(
                            names = "--kind",
                            paramLabel = "K",
                            description = "operator, service_key, join or node")
                    String kind,
            @Option(
                            names = "--expiring",
                            paramLabel = "DURATION",
                            description = "only active tokens expiring within DURATION, e.g. 7d")
                    String expiring,
            @Option(
                            names = "--unused-for",
                            paramLabel = "DURATION",
                            description =
                                    "only tokens nobody used for DURATION (or since their issue),"
                                            + " longest idle first, e.g. 30d")
                    String unusedFor) {
        Instant horizon = null;
        if (expiring != null) {
            horizon =
                    Instant.now()
                            .plus(Latch.duration("--expiring", expiring, Duration.ofDays(3650)));
            status = "active";
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("status", status);
        query.put("kind", kind);
        if (unusedFor != null) {
            query.put("unused_for", unusedFor);
            query.put("sort", "last_used");
        }
        JsonNode all = latch.server().all("api/v1/tokens", query, "items");
        var items = Server.JSON.createArrayNode();
        for (JsonNode token : all) {
            if (horizon == null
                    || (token.hasNonNull("expires_at")
                            && !Instant.parse(token.get("expires_at").asText()).isAfter(horizon))) {
                items.add(token);
            }
        }
        latch.result(
                items,
                () -> {
                    // jaco's three columns first, at jaco's widths
                    Table table =
                            new Table()
                                    .fixed()
                                    .column("IDENTITY", 30)
                                    .column("ISSUED", 20)
                                    .column("REVOKED", 20)
                                    .column("KIND", 11)
                                    .column("EXPIRES", 20)
                                    .column("LAST_USED");
                    items.forEach(
                            t ->
                                    table.row(
                                            Table.text(t, "name"),
                                            Table.time(t, "issued_at"),
                                            Table.time(t, "revoked_at"),
                                            Table.text(t, "kind"),
                                            Table.time(t, "expires_at"),
                                            Table.time(t, "last_used_at")));
                    return table.toString();
                },
                null);
        return 0;
    }

    @Command(
            name = "revoke-selected",
            description =
                    "Revoke every live credential matching all criteria given; --dry-run shows"
                            + " what would be.")
    int revokeSelected(
            @Option(names = "--owner", paramLabel = "USER_ID") UUID owner,
            @Option(
                            names = "--kind",
                            paramLabel = "K",
                            description =
                                    "operator, service_key, node, join, session, minted or"
                                            + " internal")
                    String kind,
            @Option(names = "--name-prefix", paramLabel = "P") String namePrefix,
            @Option(names = "--node-id", paramLabel = "N") String nodeId,
            @Option(names = "--created-before", paramLabel = "RFC3339") String createdBefore,
            @Option(names = "--created-after", paramLabel = "RFC3339") String createdAfter,
            @Option(
                            names = "--unused-for",
                            paramLabel = "DURATION",
                            description = "not used for DURATION and issued before it, e.g. 90d")
                    String unusedFor,
            @Option(names = "--issued-by", paramLabel = "IDENTITY") String issuedBy,
            @Option(
                            names = "--reason",
                            required = true,
                            paramLabel = "TEXT",
                            description = "why, for the audit log")
                    String reason,
            @Option(names = "--dry-run", description = "revoke nothing; show what would be")
                    boolean dryRun) {
        if (unusedFor != null) {
            Latch.duration("--unused-for", unusedFor, Duration.ofDays(3650));
        }
        Map<String, Object> selector = new LinkedHashMap<>();
        selector.put("owner", owner == null ? null : owner.toString());
        selector.put("kind", kind);
        selector.put("name_prefix", namePrefix);
        selector.put("node_id", nodeId);
        selector.put("created_before", createdBefore);
        selector.put("created_after", createdAfter);
        selector.put("unused_for", unusedFor);
        selector.put("issued_by", issuedBy);
        selector.values().removeIf(v -> v == null);
        if (selector.isEmpty()) {
            throw new Usage("give at least one criterion: an empty selector would mean everything");
        }
        JsonNode answer =
                latch.server()
                        .post(
                                "api/v1/tokens/revoke-selected",
                                Map.of("selector", selector, "reason", reason, "dry_run", dryRun));
        latch.result(answer, () -> selection(answer), null);
        return 0;
    }

    /** The counts in a line, then the first of what is (or would be) revoked. */
    private static String selection(JsonNode answer) {
        String counts =
                (answer.path("dry_run").asBoolean() ? "Would revoke " : "Revoked ")
                        + answer.path("would_revoke").asLong()
                        + " of "
                        + answer.path("matched").asLong()
                        + " matched ("
                        + answer.path("out_of_reach").asLong()
                        + " out of reach, "
                        + answer.path("remaining").asLong()
                        + " remaining)\n";
        Table table =
                new Table()
                        .column("IDENTITY")
                        .column("KIND")
                        .column("ISSUED")
                        .column("LAST_USED")
                        .column("CREATED_BY");
        answer.path("first_page")
                .forEach(
                        t ->
                                table.row(
                                        Table.text(t, "name"),
                                        Table.text(t, "kind"),
                                        Table.time(t, "issued_at"),
                                        Table.time(t, "last_used_at"),
                                        Table.text(t, "created_by")));
        return answer.path("first_page").isEmpty() ? counts : counts + table;
    }

    @Command(name = "revoke-id", description = "Revoke a token or session by its id (pangolin).")
    int revokeId(@Option(names = "--id", required = true, paramLabel = "TOKEN_ID") UUID id) {
        JsonNode revoked = latch.server().delete("api/v1/tokens/" + id);
        latch.confirm(revoked, "✅ Token " + id + " revoked successfully!");
        return 0;
    }

    @Command(name = "delete", description = "Delete a token record for good (admin; pangolin).")
    int delete(@Option(names = "--token-id", required = true, paramLabel = "TOKEN_ID") UUID id) {
        JsonNode gone = latch.server().delete("api/v1/tokens/" + id + "?purge=true");
        latch.confirm(gone, "✅ Token " + id + " deleted successfully!");
        return 0;
    }
}
