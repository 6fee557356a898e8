package org.uffdvisualizer.render;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.PhysicalLayout;

/**
 * The grid zoomed out by a power of two: one pixel per {@code factor x factor} block of cells,
 * showing the most notable class in the block ({@link PageClass#notability}: a faulted page
 * beats a selected one, which beats an overlay, which beats a merely mapped page, then free RAM,
 * then holes). Plain downscaling would drop the one faulted page among sixteen; this keeps
 * sparse pages visible at any zoom.
 *
 * <p>{@link #sync()} follows the grid: a full pass (one read per frame) when the grid was
 * recomputed, otherwise only the blocks of the faults the cursor passed since the last call.
 * Not thread-safe; use it on the thread that changes the grid.
 */
public final class GridOverview {
    /** Above this many faults between two syncs, one full pass is cheaper than block updates. */
    private static final int INCREMENTAL_LIMIT = 200_000;
    private final PageGrid grid;
    private final int shift;
    private final int width;
    private final int rows;
    private final BufferedImage image;
    private final int[] pixels;
    private int seenVersion = -1;
    private int seenCursor;

    /**
     * @param factor cells per pixel side, a power of two of at least 2
     */
    public GridOverview(PageGrid grid, int factor) {
        if (factor < 2 || Integer.bitCount(factor) != 1) {
            throw new IllegalArgumentException("factor must be a power of two >= 2: " + factor);
        }
        this.grid = grid;
        this.shift = Integer.numberOfTrailingZeros(factor);
        this.width = (grid.width() + factor - 1) >> shift;
        this.rows = (grid.rows() + factor - 1) >> shift;
        image = new BufferedImage(width, rows, BufferedImage.TYPE_INT_RGB);
        pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    }

    public PageGrid grid() {
        return grid;
    }

    public int factor() {
        return 1 << shift;
    }

    /** One pixel per block; block {@code (bx, by)} covers cells {@code [bx * factor, (bx + 1) * factor)}, likewise rows. */
    public BufferedImage image() {
        return image;
    }

    /**
     * Brings the image up to date with the grid.
     *
     * @return true if any pixel may have changed
     */
    public boolean sync() {
        if (seenVersion != grid.version() || Math.abs(grid.cursor() - seenCursor) > INCREMENTAL_LIMIT) {
            rebuildAll();
            seenVersion = grid.version();
            seenCursor = grid.cursor();
            return true;
        }
        if (seenCursor == grid.cursor()) {
            return false;
        }
        FaultTrace t = grid.capture().trace();
        int from = Math.min(seenCursor, grid.cursor());
        int to = Math.max(seenCursor, grid.cursor());
        for (int i = from; i < to; i++) {
            long pfn0 = t.physical(i) >>> PhysicalLayout.PAGE_SHIFT;
            for (int p = 0; p < t.pages(i); p++) {
                long f = pfn0 + p;
                if (f < grid.frameCount()) {
                    int cell = grid.cellOf(f);
                    updateBlock((cell % grid.width()) >> shift, (cell / grid.width()) >> shift);
                }
            }
        }
        seenCursor = grid.cursor();
        return true;
    }

    private void rebuildAll() {
        int gw = grid.width();
        int cells = grid.cellCount();
        byte[] best = new byte[width * rows];
        int[] bestRank = new int[width * rows];
        java.util.Arrays.fill(bestRank, -1);
        for (int y = 0, cell = 0; y < grid.rows() && cell < cells; y++) {
            int rowBase = (y >> shift) * width;
            for (int x = 0; x < gw && cell < cells; x++, cell++) {
                int b = rowBase + (x >> shift);
                byte c = grid.cellClass(cell);
                int rank = PageClass.notability(c);
                if (rank > bestRank[b]) {
                    bestRank[b] = rank;
                    best[b] = c;
                }
            }
        }
        Palette p = grid.palette();
        for (int b = 0; b < best.length; b++) {
            // Blocks only partly inside the grid (its last row) show holes where it has no cells.
            pixels[b] = p.rgb(bestRank[b] < 0 ? PageClass.HOLE : best[b]);
        }
    }

    private void updateBlock(int bx, int by) {
        int gw = grid.width();
        int factor = 1 << shift;
        byte best = PageClass.HOLE;
        for (int y = by << shift, y1 = Math.min(grid.rows(), y + factor); y < y1; y++) {
            for (int x = bx << shift, x1 = Math.min(gw, x + factor); x < x1; x++) {
                best = PageClass.moreNotable(best, grid.cellClass(y * gw + x));
            }
        }
        pixels[by * width + bx] = grid.palette().rgb(best);
    }
}
