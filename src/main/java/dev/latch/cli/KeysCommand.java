package dev.latch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import picocli.CommandLine.Command;

/** Signing keys: list them, rotate now. */
@Command(name = "keys", description = "The JWT signing keys.")
final class KeysCommand {

    private final Latch latch;

    KeysCommand(Latch latch) {
        this.latch = latch;
    }

    @Command(name = "list", description = "Every signing key and its state.")
    int list() {
        JsonNode keys = latch.server().get("api/v1/keys", Map.of());
        latch.result(
                keys,
                () -> {
                    Table table =
                            new Table()
                                    .column("KID", 36)
                                    .column("ALG")
                                    .column("STATUS")
                                    .column("CREATED", 20)
                                    .column("RETIRED");
                    keys.forEach(
                            k ->
                                    table.row(
                                            Table.text(k, "kid"),
                                            Table.text(k, "algorithm"),
                                            Table.text(k, "status"),
                                            Table.time(k, "created_at"),
                                            Table.time(k, "retired_at")));
                    return table.toString();
                },
                null);
        return 0;
    }

    @Command(name = "rotate", description = "A new signing key, active at once.")
    int rotate() {
        JsonNode key = latch.server().post("api/v1/keys/rotate", null);
        latch.confirm(key, "Rotated: signing key " + Table.text(key, "kid") + " is active");
        return 0;
    }
}
