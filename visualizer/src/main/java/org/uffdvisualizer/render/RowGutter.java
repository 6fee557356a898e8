package org.uffdvisualizer.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.uffdvisualizer.model.PhysicalLayout;

/**
 * The address gutter left of a compact view: the guest-physical address of the first page of
 * drawn rows, level with the row, as many as fit without overlapping (the first row after each
 * separator first, where addresses jump). The window's gutter and the PNG of {@code render
 * --compact} both draw it here.
 */
public final class RowGutter {
    /** Space between the labels and the grid, in pixels. */
    private static final int PAD = 6;

    /** One address label: its text, and the top of the row it names (target pixels). */
    public record Label(int rowTop, String text) {
    }

    private RowGutter() {
    }

    public static Font font() {
        return new Font(Font.MONOSPACED, Font.PLAIN, 11);
    }

    /** Width of the gutter for {@code grid}: its longest address and some space, {@code fm} measuring {@link #font()}. */
    public static int width(FontMetrics fm, PageGrid grid) {
        return fm.stringWidth(address(grid, grid.rows() - 1, grid.width())) + 2 * PAD;
    }

    /**
     * "0x1a2b3c000": the address of the first page of row {@code row} of {@code columns} cells,
     * zero-padded to the grid's longest.
     */
    public static String address(PageGrid grid, int row, int columns) {
        long last = (long) grid.rows() * grid.width() * grid.framesPerCell() << PhysicalLayout.PAGE_SHIFT;
        int digits = Math.max(1, (64 - Long.numberOfLeadingZeros(last - 1) + 3) / 4);
        long a = (long) row * columns * grid.framesPerCell() << PhysicalLayout.PAGE_SHIFT;
        return String.format(Locale.ROOT, "0x%0" + digits + "x", a);
    }

    /**
     * The labels for the rows drawn between target pixels {@code y0} and {@code y1} (exclusive):
     * going down, a row gets a label when it starts a run of kept rows and the previous label is
     * at least a line above it, or when the previous label is at least two lines above it.
     */
    public static List<Label> labels(PageGrid grid, RenderOptions o, int lineHeight, int y0, int y1) {
        List<Label> out = new ArrayList<>();
        CompactRows rows = o.rows();
        int n = rows == null ? grid.rows() : rows.keptCount();
        int unit = rows == null ? 1 : rows.unit();
        int lastTop = Integer.MIN_VALUE / 2;
        for (int i = 0; i < n; i++) {
            int d = rows == null ? i : rows.displayUnit(i) * unit;
            int top = (int) Math.round(d * o.scale() - o.originY());
            if (top >= y1) {
                break;
            }
            boolean runStart = rows != null && (i == 0 || rows.keptUnit(i) != rows.keptUnit(i - 1) + 1);
            // Decided from the top whatever the clip, so a partial repaint draws the same labels.
            if (runStart && top - lastTop >= lineHeight || top - lastTop >= 2 * lineHeight) {
                lastTop = top;
                if (top + lineHeight > y0) {
                    out.add(new Label(top, address(grid, rows == null ? i : rows.keptUnit(i) * unit,
                            o.columns(grid.width()))));
                }
            }
        }
        return out;
    }

    /** Draws the gutter {@code width} pixels wide at {@code x}, for target rows {@code y0} to {@code y1}. */
    public static List<Label> paint(Graphics2D g, PageGrid grid, RenderOptions o, int x, int width, int y0, int y1) {
        boolean dark = grid.palette().isDark();
        g.setColor(dark ? Color.BLACK : Color.WHITE);
        g.fillRect(x, y0, width, y1 - y0);
        g.setFont(font());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        FontMetrics fm = g.getFontMetrics();
        g.setColor(dark ? Color.LIGHT_GRAY : Color.DARK_GRAY);
        List<Label> labels = labels(grid, o, fm.getHeight(), y0, y1);
        for (Label l : labels) {
            g.drawString(l.text(), x + width - PAD - fm.stringWidth(l.text()), l.rowTop() + fm.getAscent());
        }
        return labels;
    }
}
