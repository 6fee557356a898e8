package org.uffdvisualizer.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.List;

/**
 * The fading trail behind the current-fault marker: a dot on the cell of each of the {@code length}
 * faults before the current one, the newest opaque and full size, older ones fainter and smaller,
 * so the direction the restore moves in is seen at a glance. Drawn over the grid like
 * {@link FaultMarker}, never into the grid's image; black inside white, so it shows on every palette.
 */
public final class FaultTrail {
    /** Longest trail offered: beyond it the dots blur into a smear and each step repaints too much. */
    public static final int MAX_LENGTH = 50;
    /** Smallest dot radius in pixels, so a dot is seen at a third of a pixel per page. */
    private static final double MIN_RADIUS = 2.5;
    /** Opacity and size of the oldest dot, as fractions of the newest's. */
    private static final double OLDEST_ALPHA = 0.25;
    private static final double OLDEST_SIZE = 0.6;

    private FaultTrail() {
    }

    /** Radius of the newest dot at a scale: half a cell, never below {@link #MIN_RADIUS}. */
    public static double radius(double scale) {
        return Math.max(MIN_RADIUS, scale * 0.5);
    }

    /** Faint and small as the fault is old: 0 for the fault just before the current one, 1 for the oldest shown. */
    private static double age(int current, int i, int length) {
        return length <= 1 ? 0 : (current - 1 - i) / (double) (length - 1);
    }

    /** The pixels each dot of the trail of {@code length} faults before fault {@code current} covers. */
    public static List<Rectangle> bounds(PageGrid grid, int current, int length, RenderOptions o) {
        List<Rectangle> out = new ArrayList<>(Math.max(0, length));
        int reach = (int) Math.ceil(radius(o.scale()) + 2);
        for (int i = Math.max(0, current - length); i < current; i++) {
            double[] c = FaultMarker.centre(grid, i, o);
            if (c != null) {
                out.add(new Rectangle((int) Math.floor(c[0]) - reach, (int) Math.floor(c[1]) - reach, 2 * reach + 2, 2 * reach + 2));
            }
        }
        return out;
    }

    /** Draws the trail of {@code length} faults before fault {@code current} (nothing for length 0 or current below 1). */
    public static void paint(Graphics2D g, PageGrid grid, int current, int length, RenderOptions o) {
        if (length <= 0 || current <= 0) {
            return;
        }
        Graphics2D g2 = (Graphics2D) g.create();
        try {
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            double full = radius(o.scale());
            // Oldest first, so that where dots overlap the newer one is on top.
            for (int i = Math.max(0, current - length); i < current; i++) {
                double[] c = FaultMarker.centre(grid, i, o);
                if (c == null) {
                    continue;
                }
                double age = age(current, i, length);
                int alpha = (int) Math.round(255 * (1 - (1 - OLDEST_ALPHA) * age));
                double r = full * (1 - (1 - OLDEST_SIZE) * age);
                dot(g2, c, r + 1, new Color(255, 255, 255, alpha));
                dot(g2, c, r, new Color(0, 0, 0, alpha));
            }
        } finally {
            g2.dispose();
        }
    }

    private static void dot(Graphics2D g, double[] c, double r, Color color) {
        g.setColor(color);
        g.fill(new Ellipse2D.Double(c[0] - r, c[1] - r, 2 * r, 2 * r));
    }
}
