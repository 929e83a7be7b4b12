package dev.latch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Who the credential in use is, and what it may do. */
@Command(name = "whoami", description = "The caller's identity, kind and permissions.")
final class WhoAmICommand implements Callable<Integer> {

    private final Latch latch;

    WhoAmICommand(Latch latch) {
        this.latch = latch;
    }

    @Override
    public Integer call() {
        JsonNode me = latch.server().get("api/v1/whoami", Map.of());
        latch.result(
                me,
                () -> {
                    StringBuilder text = new StringBuilder();
                    me.fieldNames()
                            .forEachRemaining(
                                    name ->
                                            text.append(name)
                                                    .append(": ")
                                                    .append(cell(me, name))
                                                    .append('\n'));
                    return text.toString();
                },
                null);
        return 0;
    }

    private static String cell(JsonNode me, String name) {
        JsonNode value = me.get(name);
        if (value.isArray()) {
            StringBuilder joined = new StringBuilder();
            value.forEach(v -> joined.append(joined.length() == 0 ? "" : " ").append(v.asText()));
            return joined.length() == 0 ? "-" : joined.toString();
        }
        return name.endsWith("_at") ? Table.time(me, name) : Table.text(me, name);
    }
}
