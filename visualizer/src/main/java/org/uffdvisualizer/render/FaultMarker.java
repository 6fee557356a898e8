package org.uffdvisualizer.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import org.uffdvisualizer.model.PhysicalLayout;

/**
 * The ring and crosshair that show where the replay is: drawn over the grid around the cell of a
 * fault's first page, never into the grid's image, and at least {@link #MIN_RADIUS} pixels wide
 * whatever the zoom, so one fault among three pages per pixel is still found at a glance. Black
 * inside white, so it stands out on every colour of every palette.
 */
public final class FaultMarker {
    /** Smallest ring radius in pixels. */
    public static final int MIN_RADIUS = 7;
    /** Length of the crosshair ticks outside the ring. */
    private static final int TICK = 6;

    private FaultMarker() {
    }

    /** The fault the marker shows for a grid: the last one applied, or -1 before the first. */
    public static int currentFault(PageGrid grid) {
        return grid.cursor() - 1;
    }

    /**
     * Centre of the marker of fault {@code i} in target pixels: {x, y}; null if its page is
     * outside the grid or in a row a compact view leaves out.
     */
    public static double[] centre(PageGrid grid, int i, RenderOptions o) {
        if (i < 0 || i >= grid.capture().trace().faultCount()) {
            return null;
        }
        long frame = grid.capture().trace().physical(i) >>> PhysicalLayout.PAGE_SHIFT;
        if (frame >= grid.frameCount()) {
            return null;
        }
        int cell = grid.cellOf(frame);
        int columns = o.columns(grid.width());
        int row = o.displayRow(cell / columns);
        return row < 0 ? null : new double[] {(cell % columns + 0.5) * o.scale() - o.originX(),
            (row + 0.5) * o.scale() - o.originY()};
    }

    /** Ring radius at a scale: a little outside the cell, never below {@link #MIN_RADIUS}. */
    public static double radius(double scale) {
        return Math.max(MIN_RADIUS, scale * 0.75 + 3);
    }

    /** The pixels the marker of fault {@code i} covers, or null if none. */
    public static Rectangle bounds(PageGrid grid, int i, RenderOptions o) {
        double[] c = centre(grid, i, o);
        if (c == null) {
            return null;
        }
        int reach = (int) Math.ceil(radius(o.scale()) + TICK + 3);
        return new Rectangle((int) Math.floor(c[0]) - reach, (int) Math.floor(c[1]) - reach, 2 * reach + 2, 2 * reach + 2);
    }

    /** Draws the marker of fault {@code i} (nothing for -1 or a page outside the grid). */
    public static void paint(Graphics2D g, PageGrid grid, int i, RenderOptions o) {
        double[] c = centre(grid, i, o);
        if (c == null) {
            return;
        }
        Graphics2D g2 = (Graphics2D) g.create();
        try {
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            double r = radius(o.scale());
            stroke(g2, c, r, Color.WHITE, 4f);
            stroke(g2, c, r, Color.BLACK, 2f);
        } finally {
            g2.dispose();
        }
    }

    private static void stroke(Graphics2D g, double[] c, double r, Color color, float width) {
        g.setColor(color);
        g.setStroke(new BasicStroke(width));
        g.draw(new Ellipse2D.Double(c[0] - r, c[1] - r, 2 * r, 2 * r));
        g.draw(new Line2D.Double(c[0] - r - TICK, c[1], c[0] - r, c[1]));
        g.draw(new Line2D.Double(c[0] + r, c[1], c[0] + r + TICK, c[1]));
        g.draw(new Line2D.Double(c[0], c[1] - r - TICK, c[0], c[1] - r));
        g.draw(new Line2D.Double(c[0], c[1] + r, c[0], c[1] + r + TICK));
    }
}
