package org.uffdvisualizer.render;

/**
 * How {@link PageGridRenderer} places the grid: cell {@code (column, row)} covers
 * {@code [column * scale - originX, (column + 1) * scale - originX)} horizontally, and the same
 * vertically. {@code scale} may be below 1 (zoomed out: several frames per pixel). With
 * {@code rows} (a compact view), cell {@code c} is in row {@code c / rows.columns()}, drawn at
 * display row {@link CompactRows#displayRowOf rows.displayRowOf(row)} instead, or not at all.
 *
 * @param scale   pixels per cell
 * @param originX pixel of the target at which column 0 would start, negated (pan)
 * @param originY likewise for row 0
 * @param rows    the rows a compact view draws, in the units the picture is drawn in; null for all
 */
public record RenderOptions(double scale, double originX, double originY, CompactRows rows) {

    /** Every row, in place. */
    public RenderOptions(double scale, double originX, double originY) {
        this(scale, originX, originY, null);
    }

    /** The whole grid at an integer scale from the top-left corner, as the render command writes it. */
    public static RenderOptions at(int scale) {
        return new RenderOptions(scale, 0, 0);
    }

    /** The same placement with {@code compact} rows (null: all). */
    public RenderOptions withRows(CompactRows compact) {
        return new RenderOptions(scale, originX, originY, compact);
    }

    /** The display row grid row {@code row} is drawn at; -1 if a compact view leaves it out. */
    public int displayRow(int row) {
        return rows == null ? row : rows.displayRowOf(row);
    }

    /** Cells per drawn row for a grid {@code gridWidth} cells wide: fewer when a compact view folds its rows. */
    public int columns(int gridWidth) {
        return rows == null ? gridWidth : rows.columns();
    }

    /** Display rows a grid of {@code gridRows} rows takes. */
    public int displayRows(int gridRows) {
        return rows == null ? gridRows : rows.displayRows();
    }
}
