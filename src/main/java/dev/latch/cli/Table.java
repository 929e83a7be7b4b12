package dev.latch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Columns padded to their widest cell, or to a seed's fixed width (jaco's list is {@code %-30s
 * %-20s %s}); absent values are {@code -}.
 */
final class Table {

    private final List<String> headers = new ArrayList<>();
    private final List<Integer> widths = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();
    private boolean fixed;

    /** Columns keep their widths; a longer cell only pushes its own row on (jaco's printf). */
    Table fixed() {
        fixed = true;
        return this;
    }

    /** A column at least {@code width} wide. */
    Table column(String header, int width) {
        headers.add(header);
        widths.add(width);
        return this;
    }

    Table column(String header) {
        return column(header, 0);
    }

    Table row(String... cells) {
        rows.add(List.of(cells));
        return this;
    }

    @Override
    public String toString() {
        int[] width = new int[headers.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = Math.max(widths.get(c), headers.get(c).length());
            for (List<String> row : fixed ? List.<List<String>>of() : rows) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        StringBuilder text = new StringBuilder();
        line(text, headers, width);
        rows.forEach(row -> line(text, row, width));
        return text.toString();
    }

    private static void line(StringBuilder text, List<String> cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            line.append(c == cells.size() - 1 ? cells.get(c) : pad(cells.get(c), width[c]) + " ");
        }
        text.append(line.toString().stripTrailing()).append('\n');
    }

    private static String pad(String cell, int width) {
        return cell + " ".repeat(Math.max(0, width - cell.length()));
    }

    /** A text field, or {@code -}. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? "-" : value.asText();
    }

    /** An RFC 3339 instant to the second ({@code 2026-05-01T12:00:00Z}), or {@code -}. */
    static String time(JsonNode node, String field) {
        String value = text(node, field);
        try {
            return value.equals("-")
                    ? value
                    : Instant.parse(value).truncatedTo(ChronoUnit.SECONDS).toString();
        } catch (DateTimeParseException e) {
            return value;
        }
    }

    /** Milliseconds since the epoch (prexor's fields) as an instant, or {@code -}. */
    static String epochMillis(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber()
                ? Instant.ofEpochMilli(value.asLong()).truncatedTo(ChronoUnit.SECONDS).toString()
                : "-";
    }
}
