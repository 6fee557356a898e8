package org.uffdvisualizer.render;

/**
 * How {@link PageGridRenderer} places the grid: cell {@code (column, row)} covers
 * {@code [column * scale - originX, (column + 1) * scale - originX)} horizontally, and the same
 * vertically. {@code scale} may be below 1 (zoomed out: several frames per pixel).
 *
 * @param scale   pixels per cell
 * @param originX pixel of the target at which column 0 would start, negated (pan)
 * @param originY likewise for row 0
 */
public record RenderOptions(double scale, double originX, double originY) {

    /** The whole grid at an integer scale from the top-left corner, as the render command writes it. */
    public static RenderOptions at(int scale) {
        return new RenderOptions(scale, 0, 0);
    }
}
