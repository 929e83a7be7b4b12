package dev.latch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** pangolin's service users: create, list, rotate-key, delete, with its confirmation lines. */
@Command(name = "service-user", description = "Service users and their API keys (pangolin).")
final class ServiceUserCommand {

    private static final String RULE = "━".repeat(60);

    private final Latch latch;

    ServiceUserCommand(Latch latch) {
        this.latch = latch;
    }

    @PrintsCredential
    @Command(name = "create", description = "Create a service user; its API key is shown once.")
    int create(
            @Option(names = "--name", required = true, paramLabel = "NAME") String name,
            @Option(
                            names = "--role",
                            required = true,
                            paramLabel = "ROLE",
                            description = "admin, operator, auditor or viewer")
                    String role,
            @Option(
                            names = "--key-ttl",
                            paramLabel = "DURATION",
                            description = "key lifetime (90d)")
                    String keyTtl,
            @Option(names = "--mint-scopes", split = ",", paramLabel = "S")
                    List<String> mintScopes) {
        ObjectNode body = Server.JSON.createObjectNode().put("name", name).put("role", role);
        if (keyTtl != null) {
            body.put("key_ttl", keyTtl);
        }
        if (mintScopes != null) {
            mintScopes.forEach(body.putArray("mint_scopes")::add);
        }
        JsonNode created = latch.server().post("api/v1/service-users", body);
        String key = created.path("api_key").asText();
        latch.result(
                created,
                () ->
                        String.join(
                                "\n",
                                "✅ Service user created successfully!",
                                RULE,
                                "⚠️  IMPORTANT: Save this API key - it will not be shown again!",
                                RULE,
                                "Service User ID: " + created.path("id").asText(),
                                "Name: " + created.path("name").asText(),
                                "API Key: " + key,
                                "Expires At: " + Table.time(created, "expires_at"),
                                RULE,
                                ""),
                key);
        return 0;
    }

    @Command(name = "list", description = "Service users (all pages).")
    int list() {
        JsonNode users = latch.server().all("api/v1/service-users", Map.of(), "items");
        latch.result(
                users,
                () -> {
                    if (users.isEmpty()) {
                        return "No service users found.\n";
                    }
                    Table table =
                            new Table()
                                    .column("ID", 36)
                                    .column("NAME")
                                    .column("ROLE")
                                    .column("ACTIVE")
                                    .column("CREATED");
                    users.forEach(
                            u ->
                                    table.row(
                                            Table.text(u, "id"),
                                            Table.text(u, "username"),
                                            Table.text(u, "role"),
                                            u.path("disabled_at").isNull() ? "yes" : "no",
                                            Table.time(u, "created_at")));
                    return table.toString();
                },
                null);
        return 0;
    }

    @PrintsCredential
    @Command(name = "rotate-key", description = "A new API key; the old one lives on for --grace.")
    int rotateKey(
            @Option(names = "--id", required = true, paramLabel = "ID") UUID id,
            @Option(names = "--grace", paramLabel = "DURATION", description = "old key's grace")
                    String grace) {
        ObjectNode body = Server.JSON.createObjectNode();
        if (grace != null) {
            body.put("grace", grace);
        }
        JsonNode rotated = latch.server().post("api/v1/service-users/" + id + "/rotate-key", body);
        String key = rotated.path("api_key").asText();
        latch.result(
                rotated,
                () ->
                        String.join(
                                "\n",
                                "✅ API key rotated successfully!",
                                "⚠️  IMPORTANT: Save this new API key - it will not be shown"
                                        + " again!",
                                "New API Key: " + key,
                                ""),
                key);
        return 0;
    }

    @Command(name = "delete", description = "Disable a service user and revoke its keys.")
    int delete(@Option(names = "--id", required = true, paramLabel = "ID") UUID id) {
        JsonNode deleted = latch.server().delete("api/v1/service-users/" + id);
        latch.confirm(deleted, "✅ Service user deleted successfully!");
        return 0;
    }
}
