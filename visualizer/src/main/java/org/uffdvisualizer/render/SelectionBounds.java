package org.uffdvisualizer.render;

import java.awt.Rectangle;
import org.uffdvisualizer.model.PageMappings;

/**
 * Where the selection lies on the grid, for zooming to it: the bounding rectangle, in grid cells
 * (column, row), of the selected pages, or of every owned page when nothing is selected. The
 * lowest and highest 1% of the pages by address are left out, so that a few stray pages (a
 * shared page at the far end of memory) do not stretch it to the whole grid.
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
        for (int i = 0, k = 0; i < m.pageCount() && k <= high; i++) {
            int f = m.pagePfn(i);
            if (!s.isEmpty() && !s.containsFrame(f)) {
                continue;
            }
            if (k++ < low || f < 0 || f >= grid.frameCount()) {
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
        return maxX < 0 ? null : new Rectangle(minX, minY, maxX - minX + 1, maxY - minY + 1);
    }
}
