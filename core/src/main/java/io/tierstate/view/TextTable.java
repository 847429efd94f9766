package io.tierstate.view;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table whose columns fit their content, up to a maximum width per column; longer
 * cells are shortened in the middle, keeping the start and the end, which is where ids and
 * domains differ. Control characters in cells (a hostile state file could hold escape sequences)
 * are replaced by {@code ?} so a cell can neither break the table nor drive the terminal.
 */
final class TextTable {

    /** The ellipsis put in place of the middle of a shortened cell. */
    static final char ELLIPSIS = '…';

    private final List<String> headers;
    private final int[] maxWidths;
    private final boolean[] rightAligned;
    private final List<String[]> rows = new ArrayList<>();
    private String indent = "";

    TextTable(int maxCellWidth, String... headers) {
        this.headers = List.of(headers);
        this.maxWidths = new int[headers.length];
        java.util.Arrays.fill(maxWidths, maxCellWidth);
        this.rightAligned = new boolean[headers.length];
    }

    /** Caps one column's width (at least 2, so an ellipsis and a character fit). */
    TextTable maxWidth(int column, int width) {
        maxWidths[column] = Math.max(2, width);
        return this;
    }

    /** Aligns one column to the right, as amounts read best. */
    TextTable alignRight(int column) {
        rightAligned[column] = true;
        return this;
    }

    /** Puts a prefix before every line, for tables nested in a section. */
    TextTable indent(String prefix) {
        this.indent = prefix;
        return this;
    }

    TextTable row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells but the table has " + headers.size()
                    + " columns");
        }
        String[] r = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            r[i] = shorten(clean(cells[i] == null ? "" : cells[i]), maxWidths[i]);
        }
        rows.add(r);
        return this;
    }

    int rowCount() {
        return rows.size();
    }

    /** @return the width of every column as rendered */
    int[] widths() {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
        }
        for (String[] r : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        return widths;
    }

    String render() {
        int[] widths = widths();
        StringBuilder out = new StringBuilder((rows.size() + 1) * (sum(widths) + 2 * widths.length + indent.length() + 1));
        line(out, headers.toArray(String[]::new), widths);
        for (String[] r : rows) {
            line(out, r, widths);
        }
        return out.toString();
    }

    private void line(StringBuilder out, String[] cells, int[] widths) {
        int start = out.length();
        out.append(indent);
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.append("  ");
            }
            int pad = widths[i] - cells[i].length();
            if (rightAligned[i]) {
                pad(out, pad);
                out.append(cells[i]);
            } else {
                out.append(cells[i]);
                if (i < cells.length - 1) {
                    pad(out, pad);
                }
            }
        }
        int end = out.length();
        while (end > start && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
        out.append('\n');
    }

    private static void pad(StringBuilder out, int n) {
        for (int k = 0; k < n; k++) {
            out.append(' ');
        }
    }

    private static int sum(int[] values) {
        int s = 0;
        for (int v : values) {
            s += v;
        }
        return s;
    }

    /** Replaces control characters (newlines, escapes ...) so a cell stays on its line and inert. */
    static String clean(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                StringBuilder b = new StringBuilder(s.length());
                for (int k = 0; k < s.length(); k++) {
                    char c = s.charAt(k);
                    b.append(Character.isISOControl(c) ? '?' : c);
                }
                return b.toString();
            }
        }
        return s;
    }

    /** Keeps the start and the end of a long value, which is where ids and domains differ. */
    static String shorten(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int keep = max - 1;
        int head = (keep + 1) / 2;
        return s.substring(0, head) + ELLIPSIS + s.substring(s.length() - (keep - head));
    }
}
