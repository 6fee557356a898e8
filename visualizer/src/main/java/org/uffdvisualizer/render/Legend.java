package org.uffdvisualizer.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.List;

/** The colours a grid uses and what they mean, for the window's legend and {@code render --legend}. */
public final class Legend {

    /** One line of the legend. */
    public record Entry(String label, int rgb) {
    }

    private Legend() {
    }

    /** The entries that apply to the grid's current overlays and capture. */
    public static List<Entry> entries(PageGrid grid) {
        Palette p = grid.palette();
        List<Entry> list = new ArrayList<>();
        list.add(new Entry("No RAM", p.rgb(PageClass.HOLE)));
        list.add(new Entry("Not mapped", p.rgb(PageClass.FREE)));
        list.add(new Entry("Mapped", p.rgb(PageClass.MAPPED)));
        list.add(new Entry(grid.selection().isEmpty() ? "Selection (none)" : "Selection: "
                + grid.selection().label(), p.rgb(PageClass.SELECTED)));
        if (grid.overlays().contains(Overlay.SHARING)) {
            list.add(new Entry("Selection, shared", p.rgb(PageClass.SELECTED_SHARED)));
            list.add(new Entry("Shared", p.rgb(PageClass.SHARED)));
        }
        if (grid.overlays().contains(Overlay.PAGECACHE)) {
            list.add(new Entry("Page cache", p.rgb(PageClass.PAGECACHE)));
        }
        if (grid.overlays().contains(Overlay.KERNEL)) {
            list.add(new Entry("Kernel", p.rgb(PageClass.KERNEL)));
        }
        if (grid.overlays().contains(Overlay.NMT)) {
            List<String> names = grid.nmtCategories().names();
            for (int c = 0; c < names.size() && c < PageClass.NMT_MAX; c++) {
                list.add(new Entry("NMT " + names.get(c), p.rgb(PageClass.NMT_FIRST + c)));
            }
        }
        if (grid.capture().trace().faultCount() > 0) {
            list.add(new Entry("Loaded by uffd", p.rgb(PageClass.LOADED)));
            list.add(new Entry("Loaded, selection", p.rgb(PageClass.LOADED_SELECTED)));
            if (grid.overlays().contains(Overlay.ZEROED)) {
                list.add(new Entry("Zero-filled", p.rgb(PageClass.ZEROED)));
            }
            list.add(new Entry("Faulted, no owner", p.rgb(PageClass.FAULTED_UNOWNED)));
        }
        return list;
    }

    /** Width in pixels {@link #paint} needs. */
    public static int width(Graphics2D g, List<Entry> entries) {
        FontMetrics fm = g.getFontMetrics(font());
        int w = 0;
        for (Entry e : entries) {
            w = Math.max(w, fm.stringWidth(e.label()));
        }
        return w + 36;
    }

    /** Draws the entries as swatches and labels from {@code (x, y)} down. */
    public static void paint(Graphics2D g, int x, int y, List<Entry> entries, boolean dark) {
        g.setFont(font());
        FontMetrics fm = g.getFontMetrics();
        int line = Math.max(16, fm.getHeight() + 2);
        for (Entry e : entries) {
            g.setColor(new Color(e.rgb()));
            g.fillRect(x + 4, y + 3, 12, 12);
            g.setColor(dark ? Color.GRAY : Color.DARK_GRAY);
            g.drawRect(x + 4, y + 3, 12, 12);
            g.setColor(dark ? Color.WHITE : Color.BLACK);
            g.drawString(e.label(), x + 22, y + 3 + fm.getAscent());
            y += line;
        }
    }

    private static Font font() {
        return new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    }
}
