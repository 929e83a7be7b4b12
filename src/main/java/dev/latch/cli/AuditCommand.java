package dev.latch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The audit log: recent events, and the chain check (exit 1 when the chain is broken). */
@Command(name = "audit", description = "The audit log and its chain check.")
final class AuditCommand {

    private final Latch latch;

    AuditCommand(Latch latch) {
        this.latch = latch;
    }

    @Command(name = "list", description = "Events, newest first.")
    int list(
            @Option(names = "--actor", paramLabel = "WHO") String actor,
            @Option(names = "--action", paramLabel = "ACTION") String action,
            @Option(names = "--target", paramLabel = "TARGET") String target,
            @Option(names = "--outcome", paramLabel = "O", description = "success, denied, failure")
                    String outcome,
            @Option(names = "--since", paramLabel = "TIME", description = "RFC 3339") String since,
            @Option(names = "--until", paramLabel = "TIME") String until,
            @Option(
                            names = "--limit",
                            paramLabel = "N",
                            defaultValue = "50",
                            description = "events to show (default 50, at most 500)")
                    int limit) {
        if (limit < 1 || limit > 500) {
            throw new Usage("--limit must be from 1 to 500");
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("actor", actor);
        query.put("action", action);
        query.put("target", target);
        query.put("outcome", outcome);
        query.put("since", since);
        query.put("until", until);
        query.put("limit", String.valueOf(limit));
        JsonNode events = latch.server().get("api/v1/audit", query).path("items");
        latch.result(
                events,
                () -> {
                    Table table =
                            new Table()
                                    .column("ID")
                                    .column("AT", 20)
                                    .column("ACTOR")
                                    .column("ACTION")
                                    .column("OUTCOME")
                                    .column("TARGET");
                    events.forEach(
                            e ->
                                    table.row(
                                            Table.text(e, "id"),
                                            Table.time(e, "at"),
                                            Table.text(e, "actor"),
                                            Table.text(e, "action"),
                                            Table.text(e, "outcome"),
                                            Table.text(e, "target")));
                    return table.toString();
                },
                null);
        return 0;
    }

    @Command(name = "verify", description = "Walk the hash chain; keep the checkpoint it prints.")
    int verify(
            @Option(
                            names = "--checkpoint",
                            paramLabel = "CHECKPOINT",
                            description =
                                    "one kept from an earlier verify: is its head still there?")
                    String checkpoint) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("checkpoint", checkpoint);
        JsonNode result = latch.server().get("api/v1/audit/verify", query);
        boolean ok = result.path("ok").asBoolean();
        latch.result(
                result,
                () ->
                        (ok
                                        ? "Audit chain intact: "
                                        : "Audit chain BROKEN at event "
                                                + Table.text(result, "first_bad_id")
                                                + ": ")
                                + result.path("checked").asLong()
                                + " events checked, "
                                + result.path("archived").asLong()
                                + " archived\n"
                                + (checkpoint == null
                                        ? ""
                                        : "Kept checkpoint: "
                                                + (result.path("checkpoint_ok").asBoolean()
                                                        ? "held"
                                                        : "NOT held (the log was cut or rewritten)")
                                                + "\n")
                                + "Checkpoint: "
                                + Table.text(result, "checkpoint")
                                + "\n",
                null);
        return ok ? 0 : 1;
    }
}
