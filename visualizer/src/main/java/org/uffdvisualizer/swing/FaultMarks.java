package org.uffdvisualizer.swing;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.uffdvisualizer.render.FaultMarker;
import org.uffdvisualizer.render.FaultTrail;
import org.uffdvisualizer.render.PageGrid;
import org.uffdvisualizer.render.RenderOptions;

/**
 * What a {@link PageGridCanvas} draws above its grid during a replay: the current fault's marker
 * and the fading trail of the last faults behind it. Never part of the grid's image (which stays
 * what the cursor made it); remembers where they were painted, so that a move repaints only the
 * places they leave and the places they go. Event Dispatch Thread only.
 */
final class FaultMarks {
    /** Where the marker and its trail were last painted (component pixels). */
    private List<Rectangle> shown = List.of();
    /** Faults shown in the trail behind the marker; 0: none. */
    private int trailLength;

    void setTrailLength(int n) {
        trailLength = Math.max(0, n);
    }

    /** Has {@code repaint} clear where the marks were and draw them where they are now ({@code grid} null: nowhere). */
    void moved(PageGrid grid, RenderOptions options, Consumer<Rectangle> repaint) {
        shown.forEach(repaint);
        shown = new ArrayList<>();
        if (grid != null) {
            int k = FaultMarker.currentFault(grid);
            shown.addAll(FaultTrail.bounds(grid, k, trailLength, options));
            Rectangle marker = FaultMarker.bounds(grid, k, options);
            if (marker != null) {
                shown.add(marker);
            }
        }
        shown.forEach(repaint);
    }

    /** Where the current fault's marker is drawn, or null if none. */
    static Rectangle markerBounds(PageGrid grid, RenderOptions options) {
        return FaultMarker.bounds(grid, FaultMarker.currentFault(grid), options);
    }

    void paint(Graphics2D g, PageGrid grid, RenderOptions options) {
        int k = FaultMarker.currentFault(grid);
        FaultTrail.paint(g, grid, k, trailLength, options);
        FaultMarker.paint(g, grid, k, options);
    }
}
