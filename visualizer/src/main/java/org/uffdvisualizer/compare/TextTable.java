package org.uffdvisualizer.compare;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table: the first column left-aligned, the others right-aligned, columns as wide as their widest cell. */
final class TextTable {
    private final List<String[]> lines = new ArrayList<>();

    TextTable row(String... cells) {
        lines.add(cells);
        return this;
    }

    void print(PrintWriter out, String indent) {
        int columns = 0;
        for (String[] l : lines) {
            columns = Math.max(columns, l.length);
        }
        int[] width = new int[columns];
        for (String[] l : lines) {
            for (int c = 0; c < l.length; c++) {
                width[c] = Math.max(width[c], l[c].length());
            }
        }
        for (String[] l : lines) {
            StringBuilder sb = new StringBuilder(indent);
            for (int c = 0; c < l.length; c++) {
                String cell = l[c];
                String pad = " ".repeat(width[c] - cell.length());
                sb.append(c == 0 ? cell + pad : "  " + pad + cell);
            }
            out.println(sb.toString().stripTrailing());
        }
    }
}
