package dev.kiln.server.profiles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain-text table for terminals: columns padded to their widest cell, numbers right-aligned. */
public final class TextTable {
    private final List<String> headers;
    private final boolean[] right;
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(List<String> headers) {
        this.headers = List.copyOf(headers);
        this.right = new boolean[headers.size()];
    }

    /** Right-aligns these columns (0-based), for figures that should line up on their last digit. */
    public TextTable alignRight(int... columns) {
        for (int c : columns) {
            right[c] = true;
        }
        return this;
    }

    public TextTable row(List<String> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.size());
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    /** The table, one line per row after a header line and a rule, each line ending in a newline. */
    public String render() {
        int[] width = new int[headers.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = headers.get(c).length();
            for (List<String> r : rows) {
                width[c] = Math.max(width[c], r.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, headers, width);
        String[] rule = new String[width.length];
        for (int c = 0; c < width.length; c++) {
            rule[c] = "-".repeat(width[c]);
        }
        line(out, Arrays.asList(rule), width);
        rows.forEach(r -> line(out, r, width));
        return out.toString();
    }

    private void line(StringBuilder out, List<String> cells, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < width.length; c++) {
            String s = cells.get(c);
            String pad = " ".repeat(width[c] - s.length());
            if (c > 0) {
                l.append("  ");
            }
            l.append(right[c] ? pad + s : s + pad);
        }
        out.append(l.toString().stripTrailing()).append('\n');
    }
}
