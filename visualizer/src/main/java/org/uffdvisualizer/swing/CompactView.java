package org.uffdvisualizer.swing;

import org.uffdvisualizer.render.CompactRows;
import org.uffdvisualizer.render.PageGrid;

/**
 * Whether a {@link PageGridCanvas} is in compact view, and the rows it then draws: recomputed
 * for a new grid or selection (keeping how many times rows are folded), folded to fit the view
 * by fit, unfolded when zoomed out below one pixel per cell. Event Dispatch Thread only.
 */
final class CompactView {
    private boolean on;
    private CompactRows rows;
    private int selectionVersion;

    /** Turns compact view on or off for {@code grid} (null: none), with the rows of its selection now. */
    void set(boolean turnOn, PageGrid grid) {
        on = turnOn;
        CompactRows now = on && grid != null ? CompactRows.of(grid) : null;
        rows = now != null && rows != null && now.canFold(rows.fold()) ? now.folded(rows.fold()) : now;
        selectionVersion = grid == null ? 0 : grid.selectionVersion();
    }

    boolean isOn() {
        return on;
    }

    /** The rows drawn, or null when compact view is off. */
    CompactRows rows() {
        return rows;
    }

    /** Whether {@code grid}'s selection changed since the rows were computed (then {@link #set} again). */
    boolean isStale(PageGrid grid) {
        return on && grid != null && grid.selectionVersion() != selectionVersion;
    }

    /** Folds the rows to show them largest in a {@code width x height} view; true if that changed them. */
    boolean fitTo(int width, int height) {
        CompactRows before = rows;
        rows = rows == null ? null : rows.foldedToFit(width, height);
        return rows != before;
    }

    /** Unfolds the rows (an overview draws whole grid rows); true if that changed them. */
    boolean unfold() {
        CompactRows before = rows;
        rows = rows == null ? null : rows.folded(1);
        return rows != before;
    }
}
