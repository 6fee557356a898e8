package org.uffdvisualizer.swing;

import java.awt.Rectangle;

/**
 * The zoom levels of the page grid (pixels per cell side) and the arithmetic of fitting cells
 * into a view: below one pixel per cell the levels are fractions (several cells share a pixel,
 * drawn by the overview), above it whole pixels so that cells keep sharp, equal edges.
 */
final class ZoomLevels {
    private static final double[] LEVELS = {1.0 / 64, 1.0 / 48, 1.0 / 32, 1.0 / 24, 1.0 / 16, 1.0 / 12, 1.0 / 8,
        1.0 / 6, 1.0 / 4, 1.0 / 3, 1.0 / 2, 2.0 / 3, 1, 1.5, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64};
    static final double MIN = LEVELS[0];
    static final double MAX = LEVELS[LEVELS.length - 1];

    private ZoomLevels() {
    }

    /** The next level above ({@code direction > 0}) or below {@code current}, or the last one. */
    static double next(double current, int direction) {
        if (direction > 0) {
            for (double l : LEVELS) {
                if (l > current * 1.0001) {
                    return l;
                }
            }
            return MAX;
        }
        for (int i = LEVELS.length - 1; i >= 0; i--) {
            if (LEVELS[i] < current * 0.9999) {
                return LEVELS[i];
            }
        }
        return MIN;
    }

    /** The largest zoom (whole pixels from 1 up) at which {@code cells} fits {@code w x h}. */
    static double fitScale(Rectangle cells, int w, int h) {
        double s = Math.min((double) w / cells.width, (double) h / cells.height);
        if (s < 1) {
            // Below a pixel per cell the cells' edges round outwards and the centring rounds too: keep a pixel each side.
            s = Math.min((double) (w - 2) / cells.width, (double) (h - 2) / cells.height);
        }
        s = s >= 1 ? Math.floor(s) : s;
        return Math.max(MIN, Math.min(MAX, s));
    }
}
