package org.uffdvisualizer.render;

import java.awt.Rectangle;
import org.uffdvisualizer.model.OwnedFrames;
import org.uffdvisualizer.model.PageMappings;

/**
 * Where the selection lies on the grid, for zooming to it: the bounding rectangle, in grid cells
 * (column, row), of the selected pages, or of every owned page when nothing is selected. The
 * lowest and highest 1% of the pages by address are left out, so that a few stray pages (a
 * shared page at the far end of memory) do not stretch it to the whole grid. When the pages are
 * spread over the whole address space (a JVM's pages), {@link #densest} finds the part of the
 * grid of a given size that holds most of them.
 */
public final class SelectionBounds {

    private SelectionBounds() {
    }

    /** The cells to show for {@code grid}'s selection, or null if it has no page in the grid. */
    public static Rectangle of(PageGrid grid) {
        PageMappings m = grid.capture().mappings();
        Selection s = grid.selection();
        int n = s.isEmpty() ? m.pageCount() : s.pageCount();
        int low = n / 100;
        int high = n - 1 - n / 100;
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        // Owned pages are numbered in frame order, so the k-th selected one met is the k-th by address.
        OwnedFrames owned = m.ownedFrames();
        int k = 0;
        walk:
        for (int got = owned.fill(); got > 0; got = owned.fill()) {
            int[] frames = owned.frames();
            for (int j = 0; j < got; j++) {
                int f = frames[j];
                if (k > high) {
                    break walk;
                }
                if (!s.isEmpty() && !s.containsFrame(f)) {
                    continue;
                }
                if (k++ < low || f >= grid.frameCount()) {
                    continue;
                }
                int cell = grid.cellOf(f);
                int x = cell % grid.width();
                int y = cell / grid.width();
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
            }
        }
        return maxX < 0 ? null : new Rectangle(minX, minY, maxX - minX + 1, maxY - minY + 1);
    }

    /**
     * The {@code cols} x {@code rows} cells of the grid (fewer if the grid is smaller) that hold
     * the most of the selected pages, or of the owned pages when nothing is selected; null if
     * there are none. Counted in blocks of a quarter of the window, so the window starts on a
     * block boundary: one pass over the pages and a prefix sum over the blocks.
     */
    public static Rectangle densest(PageGrid grid, int cols, int rows) {
        int w = Math.max(1, Math.min(cols, grid.width()));
        int h = Math.max(1, Math.min(rows, grid.rows()));
        int bw = Math.max(1, w / 4);
        int bh = Math.max(1, h / 4);
        int blocksX = (grid.width() + bw - 1) / bw;
        int blocksY = (grid.rows() + bh - 1) / bh;
        // Prefix sums: sum[(y + 1) * (blocksX + 1) + x + 1] = pages in blocks [0, x] x [0, y].
        long[] sum = new long[(blocksX + 1) * (blocksY + 1)];
        PageMappings m = grid.capture().mappings();
        Selection s = grid.selection();
        boolean any = false;
        OwnedFrames owned = m.ownedFrames();
        for (int got = owned.fill(); got > 0; got = owned.fill()) {
            int[] frames = owned.frames();
            for (int j = 0; j < got; j++) {
                int f = frames[j];
                if (f >= grid.frameCount() || !s.isEmpty() && !s.containsFrame(f)) {
                    continue;
                }
                int cell = grid.cellOf(f);
                sum[(cell / grid.width() / bh + 1) * (blocksX + 1) + cell % grid.width() / bw + 1]++;
                any = true;
            }
        }
        if (!any) {
            return null;
        }
        for (int y = 1; y <= blocksY; y++) {
            for (int x = 1; x <= blocksX; x++) {
                int i = y * (blocksX + 1) + x;
                sum[i] += sum[i - 1] + sum[i - blocksX - 1] - sum[i - blocksX - 2];
            }
        }
        int kx = Math.max(1, w / bw);
        int ky = Math.max(1, h / bh);
        long best = -1;
        int bestX = 0;
        int bestY = 0;
        for (int y = 0; y + ky <= blocksY; y++) {
            for (int x = 0; x + kx <= blocksX; x++) {
                long n = sum[(y + ky) * (blocksX + 1) + x + kx] - sum[y * (blocksX + 1) + x + kx]
                        - sum[(y + ky) * (blocksX + 1) + x] + sum[y * (blocksX + 1) + x];
                if (n > best) {
                    best = n;
                    bestX = x;
                    bestY = y;
                }
            }
        }
        int x0 = Math.min(bestX * bw, grid.width() - w);
        int y0 = Math.min(bestY * bh, grid.rows() - h);
        return new Rectangle(x0, y0, w, h);
    }
}
