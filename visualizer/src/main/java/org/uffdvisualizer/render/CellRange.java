package org.uffdvisualizer.render;

import org.uffdvisualizer.model.PhysicalLayout;

/**
 * What one cell of several frames covers (a grid with {@link PageGrid#framesPerCell()} above 1):
 * its physical range, how many of its pages have an owner in the dump and how many the replay
 * has faulted so far. The window's tooltip shows it above the description of the cell's most
 * notable page.
 *
 * @param firstFrame first frame of the cell
 * @param frames     frames in the cell (fewer than frames per cell only at the end of the grid)
 * @param owned      frames with an owner in the dump
 * @param faulted    frames the faults before the replay cursor served
 */
public record CellRange(long firstFrame, int frames, int owned, int faulted) {

    /** Counts cell {@code cell} of {@code grid} as it is now. */
    public static CellRange of(PageGrid grid, int cell) {
        long first = grid.firstFrameOf(cell);
        int n = (int) Math.max(0, Math.min(grid.framesPerCell(), grid.frameCount() - first));
        int owned = 0;
        int faulted = 0;
        for (int f = (int) first; f < first + n; f++) {
            if (grid.capture().mappings().pageIndex(f) >= 0) {
                owned++;
            }
            int fault = grid.capture().trace().firstFaultOf(f);
            if (fault >= 0 && fault < grid.cursor()) {
                faulted++;
            }
        }
        return new CellRange(first, n, owned, faulted);
    }

    public long lastFrame() {
        return firstFrame + frames - 1;
    }

    /** For example "2 MiB cell: physical 0x200000-0x3fffff  PFN 0x200-0x3ff". */
    public String headline() {
        long kib = (long) frames * (PhysicalLayout.PAGE_SIZE / 1024);
        String size = kib % 1024 == 0 ? (kib / 1024) + " MiB" : kib + " KiB";
        return String.format("%s cell: physical %#x-%#x  PFN %#x-%#x", size, firstFrame << PhysicalLayout.PAGE_SHIFT,
                ((lastFrame() + 1) << PhysicalLayout.PAGE_SHIFT) - 1, firstFrame, lastFrame());
    }

    /** For example "312 of 512 pages owned, 20 faulted so far". */
    public String counts() {
        return String.format("%,d of %,d pages owned, %,d faulted so far", owned, frames, faulted);
    }
}
