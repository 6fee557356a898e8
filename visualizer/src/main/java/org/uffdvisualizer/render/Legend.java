package org.uffdvisualizer.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.uffdvisualizer.model.FaultTrace;

/** The colours a grid uses and what they mean, for the window's legend and {@code render --legend}. */
public final class Legend {

    /** One line of the legend. */
    public record Entry(String label, int rgb) {
    }

    /** Intervals the fault-order scale is shown in: ORDER_STOPS + 1 swatches. */
    private static final int ORDER_STOPS = 4;

    private Legend() {
    }

    /** The entries that apply to the grid's current overlays and capture. */
    public static List<Entry> entries(PageGrid grid) {
        List<Entry> list = new ArrayList<>();
        list.add(new Entry("No RAM", grid.classRgb(PageClass.HOLE)));
        list.add(new Entry("Not mapped", grid.classRgb(PageClass.FREE)));
        list.add(new Entry("Mapped", grid.classRgb(PageClass.MAPPED)));
        list.add(new Entry(grid.selection().isEmpty() ? "Selection (none)" : "Selection: "
                + grid.selection().label(), grid.classRgb(PageClass.SELECTED)));
        if (grid.overlays().contains(Overlay.SHARING)) {
            list.add(new Entry("Selection, shared", grid.classRgb(PageClass.SELECTED_SHARED)));
            list.add(new Entry("Shared", grid.classRgb(PageClass.SHARED)));
        }
        if (grid.overlays().contains(Overlay.PAGECACHE)) {
            list.add(new Entry("Page cache", grid.classRgb(PageClass.PAGECACHE)));
        }
        if (grid.overlays().contains(Overlay.KERNEL)) {
            list.add(new Entry("Kernel", grid.classRgb(PageClass.KERNEL)));
        }
        if (grid.overlays().contains(Overlay.NMT)) {
            List<String> names = grid.nmtCategories().names();
            for (int c = 0; c < names.size() && c < PageClass.NMT_MAX; c++) {
                list.add(new Entry("NMT " + names.get(c), grid.classRgb(PageClass.NMT_FIRST + c)));
            }
        }
        if (grid.capture().trace().faultCount() > 0 && grid.overlays().contains(Overlay.ORDER)) {
            // Every faulted page takes the scale's colour, whatever its class; owners are dimmed.
            orderScale(list, grid.capture().trace());
        } else if (grid.capture().trace().faultCount() > 0) {
            list.add(new Entry("Loaded by uffd", grid.classRgb(PageClass.LOADED)));
            list.add(new Entry("Loaded, selection", grid.classRgb(PageClass.LOADED_SELECTED)));
            if (grid.overlays().contains(Overlay.ZEROED)) {
                list.add(new Entry("Zero-filled", grid.classRgb(PageClass.ZEROED)));
            }
            list.add(new Entry("Faulted, no owner", grid.classRgb(PageClass.FAULTED_UNOWNED)));
        }
        return list;
    }

    /** The fault-order scale as five stops, first to last fault, labelled by fault number or time. */
    private static void orderScale(List<Entry> list, FaultTrace t) {
        int last = t.faultCount() - 1;
        boolean byTime = t.hasTimestamps() && t.nanos(last) > t.nanos(0);
        for (int k = 0; k <= ORDER_STOPS; k++) {
            double at = (double) k / ORDER_STOPS;
            String label = byTime ? String.format(Locale.ROOT, "Faulted at %.0f ms", at * (t.nanos(last) - t.nanos(0)) / 1e6)
                    : String.format(Locale.ROOT, "Fault %,d", Math.round(at * last) + 1);
            list.add(new Entry(k == 0 ? label + " (first)" : k == ORDER_STOPS ? label + " (last)" : label,
                    OrderScale.rgb(at)));
        }
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
