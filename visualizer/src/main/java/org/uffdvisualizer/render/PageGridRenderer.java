package org.uffdvisualizer.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Stroke;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.PhysicalLayout;

/**
 * Draws a {@link PageGrid} into any {@link Graphics2D}: the window's canvas and the headless
 * {@code render} command both use it, so what a script checks is what a user sees. The grid's
 * image is drawn scaled with nearest-neighbour (cells stay square and sharp), only inside the
 * clip; overlays that are outlines (removed ranges) are drawn on top, not baked into pixels.
 */
public final class PageGridRenderer {

    /** Length of the dashes and gaps of a compact view's separator lines, in pixels. */
    private static final int SEPARATOR_DASH = 4;

    private PageGridRenderer() {
    }

    public static void paint(Graphics2D g, PageGrid grid, RenderOptions o) {
        paintImage(g, grid.image(), o.columns(grid.width()), grid.rows(), o, grid.palette().isDark());
        if (grid.overlays().contains(Overlay.REMOVED)) {
            paintRemoved(g, grid, o);
        }
    }

    /**
     * Draws {@code cells}, a picture of {@code grid} in its layout (one pixel per cell, such as a
     * {@link StabilityImage}), where the grid's own image would be, at any scale, compacted alike.
     */
    public static void paintCells(Graphics2D g, java.awt.image.BufferedImage cells, PageGrid grid, RenderOptions o) {
        paintImage(g, cells, o.columns(grid.width()), grid.rows(), o, grid.palette().isDark());
    }

    /**
     * Draws the grid zoomed out through an overview ({@code o.scale()} below 1: one overview
     * pixel covers {@code factor} cells, drawn {@code o.scale() * factor} pixels wide).
     */
    public static void paintOverview(Graphics2D g, GridOverview overview, RenderOptions o) {
        PageGrid grid = overview.grid();
        int f = overview.factor();
        paintImage(g, overview.image(), overview.image().getWidth(), overview.image().getHeight(),
                new RenderOptions(o.scale() * f, o.originX(), o.originY(), o.rows()), grid.palette().isDark());
        if (grid.overlays().contains(Overlay.REMOVED)) {
            paintRemoved(g, grid, o);
        }
    }

    /**
     * Draws the part of a one-pixel-per-cell image that the clip touches, each cell {@code o.scale()}
     * wide; in a compact view ({@code o.rows()}, whose units are the image's rows, or a part of one
     * when folded) each run of kept rows with one drawImage, and a dashed line across each separator.
     */
    private static void paintImage(Graphics2D g, java.awt.image.BufferedImage image, int columns, int rows,
            RenderOptions o, boolean dark) {
        CompactRows compact = o.rows();
        int shown = compact == null ? rows : compact.displayRows() / compact.unit();
        Rectangle clip = g.getClipBounds();
        if (clip == null) {
            clip = new Rectangle(0, 0, (int) Math.ceil(columns * o.scale() - o.originX()),
                    (int) Math.ceil(shown * o.scale() - o.originY()));
        }
        // The cells the clip touches, then the pixels those cells cover exactly.
        int c0 = Math.max(0, (int) Math.floor((clip.x + o.originX()) / o.scale()));
        int r0 = Math.max(0, (int) Math.floor((clip.y + o.originY()) / o.scale()));
        int c1 = Math.min(columns, (int) Math.ceil((clip.x + clip.width + o.originX()) / o.scale()));
        int r1 = Math.min(shown, (int) Math.ceil((clip.y + clip.height + o.originY()) / o.scale()));
        if (c0 >= c1 || r0 >= r1) {
            return;
        }
        Object hint = g.getRenderingHint(RenderingHints.KEY_INTERPOLATION);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        if (compact == null) {
            g.drawImage(image, x(c0, o), y(r0, o), x(c1, o), y(r1, o), c0, r0, c1, r1, null);
        } else {
            paintKept(g, image, compact, c0, c1, r0, r1, o, dark);
        }
        if (hint != null) {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, hint);
        }
    }

    /** The kept rows of a compact view between display rows {@code r0} and {@code r1}, and the separators there. */
    private static void paintKept(Graphics2D g, java.awt.image.BufferedImage image, CompactRows compact, int c0, int c1,
            int r0, int r1, RenderOptions o, boolean dark) {
        int n = compact.keptCount();
        int fold = compact.fold();
        for (int i = 0; i < n && compact.displayUnit(i) < r1; i++) {
            int from = compact.displayUnit(i);
            if (from != (i == 0 ? 0 : compact.displayUnit(i - 1) + 1) && from - 1 >= r0) {
                separator(g, from - 1, c0, c1, o, dark);
            }
            int j = i;
            // Folded rows are parts of image rows: one drawImage each.
            while (fold == 1 && j + 1 < n && compact.keptUnit(j + 1) == compact.keptUnit(j) + 1
                    && compact.displayUnit(j + 1) < r1) {
                j++;
            }
            if (compact.displayUnit(j) >= r0) {
                int v = compact.keptUnit(i);
                int sx = v % fold * compact.columns();
                g.drawImage(image, x(c0, o), y(from, o), x(c1, o), y(compact.displayUnit(j) + 1, o),
                        sx + c0, v / fold, sx + c1, v / fold + compact.keptUnit(j) - v + 1, null);
            }
            i = j;
        }
        int last = compact.displayRows() / compact.unit() - 1;
        if (n > 0 && compact.displayUnit(n - 1) < last && last >= r0 && last < r1) {
            separator(g, last, c0, c1, o, dark);
        }
    }

    /**
     * A dashed line across the middle of display row {@code d}, where the compact view left rows
     * out: in the colour of the removed-range outlines, which no cell has, one pixel thick at one
     * pixel per row and a quarter of the row at larger zooms.
     */
    private static void separator(Graphics2D g, int d, int c0, int c1, RenderOptions o, boolean dark) {
        int top = y(d, o);
        int height = Math.max(1, y(d + 1, o) - top);
        int thick = Math.max(1, height / 4);
        int mid = top + (height - thick) / 2;
        Color color = g.getColor();
        g.setColor(dark ? Color.WHITE : Color.BLACK);
        for (int x = x(c0, o) - x(c0, o) % SEPARATOR_DASH, end = x(c1, o); x < end; x += 2 * SEPARATOR_DASH) {
            g.fillRect(x, mid, SEPARATOR_DASH, thick);
        }
        g.setColor(color);
    }

    private static int x(int column, RenderOptions o) {
        return (int) Math.round(column * o.scale() - o.originX());
    }

    private static int y(int row, RenderOptions o) {
        return (int) Math.round(row * o.scale() - o.originY());
    }

    /** Outlines the guest-physical runs of every range removed before the cursor, row by row. */
    private static void paintRemoved(Graphics2D g, PageGrid grid, RenderOptions o) {
        FaultTrace t = grid.capture().trace();
        Stroke stroke = g.getStroke();
        Color color = g.getColor();
        g.setStroke(new BasicStroke(1f));
        g.setColor(grid.palette().isDark() ? Color.WHITE : Color.BLACK);
        for (int r = 0; r < t.removeCount(); r++) {
            if (t.removeBefore(r) > grid.cursor() || grid.cursor() == 0) {
                continue;
            }
            long start = t.hostToPhysical(t.removeStart(r));
            if (start < 0) {
                continue;
            }
            long firstFrame = start >>> PhysicalLayout.PAGE_SHIFT;
            long lastFrame = Math.min(grid.frameCount() - 1L,
                    firstFrame + ((t.removeEnd(r) - t.removeStart(r) - 1) >>> PhysicalLayout.PAGE_SHIFT));
            if (firstFrame > lastFrame) {
                continue;
            }
            long first = grid.cellOf(firstFrame);
            long last = grid.cellOf(lastFrame);
            int columns = o.columns(grid.width());
            for (long f = first; f <= last; ) {
                int row = (int) (f / columns);
                long rowEnd = Math.min(last, (long) (row + 1) * columns - 1);
                int col0 = (int) (f % columns);
                int col1 = (int) (rowEnd % columns) + 1;
                int d = o.displayRow(row);
                if (d >= 0) {
                    g.drawRect(x(col0, o), y(d, o), x(col1, o) - x(col0, o) - 1, y(d + 1, o) - y(d, o) - 1);
                }
                f = rowEnd + 1;
            }
        }
        g.setStroke(stroke);
        g.setColor(color);
    }
}
