package dev.latch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** pangolin's {@code list-user-tokens} and revoking all of a user's credentials. */
@Command(name = "user", description = "A user's credentials (pangolin).")
final class UserCommand {

    private final Latch latch;

    UserCommand(Latch latch) {
        this.latch = latch;
    }

    @Command(name = "tokens", description = "A user's tokens and sessions, newest first.")
    int tokens(@Option(names = "--user-id", required = true, paramLabel = "USER_ID") UUID userId) {
        JsonNode tokens =
                latch.server().all("api/v1/users/" + userId + "/tokens", Map.of(), "items");
        latch.result(
                tokens,
                () -> {
                    if (tokens.isEmpty()) {
                        return "No tokens found for user " + userId + "\n";
                    }
                    Table table =
                            new Table()
                                    .column("TOKEN_ID", 36)
                                    .column("NAME")
                                    .column("KIND")
                                    .column("STATUS")
                                    .column("ISSUED", 20)
                                    .column("EXPIRES");
                    tokens.forEach(
                            t ->
                                    table.row(
                                            Table.text(t, "token_id"),
                                            Table.text(t, "name"),
                                            Table.text(t, "kind"),
                                            Table.text(t, "status"),
                                            Table.time(t, "issued_at"),
                                            Table.time(t, "expires_at")));
                    return table.toString();
                },
                null);
        return 0;
    }

    @Command(name = "revoke-all", description = "Revoke every live credential of a user.")
    int revokeAll(
            @Option(names = "--user-id", required = true, paramLabel = "USER_ID") UUID userId) {
        JsonNode revoked =
                latch.server().post("api/v1/users/" + userId + "/tokens/revoke-all", null);
        latch.confirm(
                revoked,
                "✅ Revoked " + revoked.path("revoked").asInt() + " credentials of user " + userId);
        return 0;
    }
}
