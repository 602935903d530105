package dev.sseboot.bench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A Markdown table, built row by row. */
final class Table {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... header) {
        this.header = List.of(header);
    }

    Table row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of " + header.size());
        }
        rows.add(Arrays.stream(cells).map(cell -> String.valueOf(cell).replace("|", "\\|")).toList());
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        line(out, header);
        line(out, header.stream().map(cell -> "---").toList());
        rows.forEach(row -> line(out, row));
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells) {
        out.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
}
