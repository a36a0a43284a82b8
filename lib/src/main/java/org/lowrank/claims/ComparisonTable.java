package org.lowrank.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A table of the paper's numbers beside ours, printed as fixed-width text (renders everywhere,
 * including GitHub's notebook viewer). Missing values print as "–".
 */
public final class ComparisonTable {
    private final String title;
    private final List<String> columns;
    private final List<List<String>> rows = new ArrayList<>();

    /** A table with a title and column headers. */
    public ComparisonTable(String title, String... columns) {
        if (columns.length == 0) throw new IllegalArgumentException("columns must name at least one column");
        this.title = title;
        this.columns = List.of(columns);
    }

    /** Adds a row; numbers print with 3 decimals, NaN and null as "–". */
    public ComparisonTable row(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + columns.size() + " columns " + columns);
        }
        List<String> r = new ArrayList<>();
        for (Object c : cells) r.add(format(c));
        rows.add(r);
        return this;
    }

    static String format(Object c) {
        if (c == null) return "–";
        if (c instanceof Double || c instanceof Float) {
            double v = ((Number) c).doubleValue();
            return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
        }
        return c.toString();
    }

    @Override
    public String toString() {
        int[] w = new int[columns.size()];
        for (int j = 0; j < w.length; j++) {
            w[j] = columns.get(j).length();
            for (List<String> r : rows) w[j] = Math.max(w[j], r.get(j).length());
        }
        StringBuilder sb = new StringBuilder();
        if (title != null && !title.isEmpty()) sb.append(title).append('\n');
        appendRow(sb, columns, w);
        for (int j = 0; j < w.length; j++) sb.append(j == 0 ? "" : "-+-").append("-".repeat(w[j]));
        sb.append('\n');
        for (List<String> r : rows) appendRow(sb, r, w);
        return sb.toString();
    }

    private static void appendRow(StringBuilder sb, List<String> cells, int[] w) {
        for (int j = 0; j < w.length; j++) {
            if (j > 0) sb.append(" | ");
            String c = cells.get(j);
            sb.append(c).append(" ".repeat(w[j] - c.length()));
        }
        sb.append('\n');
    }
}
