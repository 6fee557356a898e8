package org.uffdvisualizer.render;

import java.awt.Rectangle;

/**
 * Where the cells of a grid are on a canvas at a zoom, as {@link PageGridRenderer} draws them:
 * {@code scale} pixels per cell, through an overview of {@code factor} cells per pixel when
 * zoomed out (1: none), and through a compact view's rows when {@code rows} is not null. Hit
 * testing, repainting, scrolling and drawing all ask it, so a click lands on the cell drawn there
 * in every layout.
 */
public final class CellPlacement {
    private final PageGrid grid;
    private final double scale;
    private final int factor;
    private final CompactRows rows;       // in the units drawn: rows of the overview when zoomed out

    /**
     * @param rows the compact view's rows (unit 1), or null to draw every row
     */
    public CellPlacement(PageGrid grid, double scale, int factor, CompactRows rows) {
        this.grid = grid;
        this.scale = scale;
        this.factor = Math.max(1, factor);
        this.rows = rows == null ? null : rows.coarser(this.factor);
    }

    /** How the renderer draws at this placement, on a target whose pixels are {@code device} times finer. */
    public RenderOptions options(double device) {
        return new RenderOptions(scale * device, 0, 0, rows);
    }

    /** Cells per drawn row: the grid's width, or less when a compact view folds its rows. */
    public int columns() {
        return rows == null ? grid.width() : rows.columns();
    }

    /** Rows drawn, separators included. */
    public int shownRows() {
        return rows == null ? grid.rows() : rows.displayRows();
    }

    /** The cell drawn at pixel {@code (x, y)}, or -1 (outside the grid, or a separator). */
    public int cellAt(double x, double y) {
        if (x < 0 || y < 0) {
            return -1;
        }
        long col = (long) Math.floor(x / scale);
        long d = (long) Math.floor(y / scale);
        if (col >= columns() || d >= shownRows()) {
            return -1;
        }
        long row = rows == null ? d : rows.rowAt((int) d);
        long c = row * columns() + col;
        return row >= 0 && c < grid.cellCount() ? (int) c : -1;
    }

    /**
     * The pixels that show {@code frame}'s cell (zoomed out: the overview block drawn for it), or
     * null if it is not in the grid or the compact view leaves its row out.
     */
    public Rectangle bounds(long frame) {
        if (frame < 0 || frame >= grid.frameCount()) {
            return null;
        }
        int cell = grid.cellOf(frame);
        int d = rows == null ? cell / columns() : rows.displayRowOf(cell / columns());
        if (d < 0) {
            return null;
        }
        long col = cell % columns();
        // Zoomed out, whole overview blocks: factor columns by factor rows, as the renderer draws them.
        long x0 = col / factor * factor;
        long y0 = d / factor * factor;
        int px = (int) Math.round(x0 * scale);
        int py = (int) Math.round(y0 * scale);
        return new Rectangle(px, py, Math.max(1, (int) Math.round((x0 + factor) * scale) - px),
                Math.max(1, (int) Math.round((y0 + factor) * scale) - py));
    }

    /** The pixels to repaint after {@code cells} (grid columns and rows) changed: all they touch, and one more around. */
    public Rectangle repaintArea(Rectangle cells) {
        Rectangle d = drawn(cells);
        if (d == null) {
            return null;
        }
        int x0 = (int) Math.floor(d.x * scale);
        int y0 = (int) Math.floor(d.y * scale);
        int x1 = (int) Math.ceil((d.x + d.width) * scale);
        int y1 = (int) Math.ceil((d.y + d.height) * scale);
        return new Rectangle(x0 - 1, y0 - 1, x1 - x0 + 2, y1 - y0 + 2);
    }

    /**
     * {@code cells} (grid columns and rows) as drawn: the display rows that show its rows in a
     * compact view (null if none), or itself.
     */
    public Rectangle drawn(Rectangle cells) {
        return rows == null ? cells : rows.toDisplay(cells);
    }
}
