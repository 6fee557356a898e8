package org.uffdvisualizer.swing;

import java.util.HashMap;
import java.util.Map;
import org.uffdvisualizer.render.GridOverview;
import org.uffdvisualizer.render.PageGrid;

/**
 * The zoomed-out pictures of one grid that a {@link PageGridCanvas} draws below one pixel per
 * cell, by factor, kept while the grid is shown so that zooming back and forth costs no full pass
 * over it. Event Dispatch Thread only.
 */
final class GridOverviews {
    private final PageGrid grid;
    private final Map<Integer, GridOverview> byFactor = new HashMap<>();

    GridOverviews(PageGrid grid) {
        this.grid = grid;
    }

    /**
     * The overview to draw at {@code scale} pixels per cell: null from one pixel up, else the one
     * whose pixel covers the smallest power of two (at least 2) of cells that makes a pixel of it
     * at least one screen pixel.
     */
    GridOverview at(double scale) {
        if (scale >= 1) {
            return null;
        }
        int factor = Integer.highestOneBit((int) Math.ceil(1 / scale - 1e-9));
        factor = factor < Math.ceil(1 / scale - 1e-9) ? factor * 2 : factor;
        return byFactor.computeIfAbsent(Math.max(2, factor), f -> new GridOverview(grid, f));
    }
}
