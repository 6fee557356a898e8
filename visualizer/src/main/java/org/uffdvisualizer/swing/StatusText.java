package org.uffdvisualizer.swing;

import java.util.Locale;
import org.uffdvisualizer.model.PhysicalLayout;
import org.uffdvisualizer.render.CurrentFault;
import org.uffdvisualizer.render.FaultMarker;
import org.uffdvisualizer.render.PageGrid;

/**
 * The status line's words for a grid: "fault 1,234 of 58,514 · loaded 1,200, zeroed 34 ·
 * 4,936 KB · Java Heap of 114: 3,852 of 62,696 KB touched · now fault 1,234: 0x1f3a000 read, loaded · ..."
 * (the replay's current fault, {@link CurrentFault}).
 */
public final class StatusText {

    private StatusText() {
    }

    public static String of(PageGrid grid) {
        int n = grid.capture().trace().faultCount();
        StringBuilder b = new StringBuilder();
        if (n == 0) {
            b.append("no uffd log: nothing to replay");
        } else {
            b.append(String.format(Locale.ROOT, "fault %,d of %,d · loaded %,d, zeroed %,d · %,d KB", grid.cursor(), n,
                    grid.loadedSoFar(), grid.zeroedSoFar(), grid.bytesSoFar() / 1024));
            int repeats = grid.capture().repeatFaultsBefore(grid.cursor());
            if (repeats > 0) {
                b.append(String.format(Locale.ROOT, " · %,d on pages faulted before", repeats));
            }
        }
        if (!grid.selection().isEmpty()) {
            long kb = PhysicalLayout.PAGE_SIZE / 1024;
            b.append(String.format(Locale.ROOT, " · %s: %,d of %,d KB touched", grid.selection().label(),
                    grid.selectedTouched() * kb, grid.selection().pageCount() * kb));
        }
        String now = CurrentFault.describe(grid, FaultMarker.currentFault(grid));
        if (!now.isEmpty()) {
            b.append(" · ").append(now);
        }
        return b.toString();
    }
}
