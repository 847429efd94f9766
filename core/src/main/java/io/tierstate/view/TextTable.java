package io.tierstate.view;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table whose columns fit their content; long cells are shortened with an ellipsis. */
final class TextTable {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();
    private final int maxCellWidth;

    TextTable(int maxCellWidth, String... headers) {
        this.headers = List.of(headers);
        this.maxCellWidth = maxCellWidth;
    }

    TextTable row(String... cells) {
        List<String> r = new ArrayList<>();
        for (String c : cells) {
            r.add(shorten(c == null ? "" : c));
        }
        rows.add(r);
        return this;
    }

    String render() {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> r : rows) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, headers, widths);
        for (List<String> r : rows) {
            line(out, r, widths);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                l.append("  ");
            }
            l.append(cells.get(i));
            if (i < cells.size() - 1) {
                l.append(" ".repeat(widths[i] - cells.get(i).length()));
            }
        }
        out.append(l.toString().stripTrailing()).append('\n');
    }

    /** Keeps the start and the end of a long value, which is where ids and domains differ. */
    private String shorten(String s) {
        if (s.length() <= maxCellWidth) {
            return s;
        }
        int keep = maxCellWidth - 1;
        int head = (keep + 1) / 2;
        return s.substring(0, head) + "…" + s.substring(s.length() - (keep - head));
    }
}
