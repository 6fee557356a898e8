package org.uffdvisualizer.swing;

import java.awt.Point;
import java.beans.PropertyChangeListener;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JViewport;
import javax.swing.event.ChangeListener;
import org.uffdvisualizer.render.PageGrid;

/**
 * Keeps the grids of a comparison on the same physical address range: when one view zooms or
 * scrolls, the others take its scale and show the same frames at their top-left corner. The
 * grids of a comparison are laid out with one width (the baseline's), so the same frame is in the
 * same cell of each and the views match pixel for pixel; should widths differ (a capture of
 * another RAM size opened at its own width), the row holding the same frame is shown at the top.
 * Can be switched off to look at each grid on its own.
 *
 * <p>Event Dispatch Thread only.
 */
final class ViewportLink {
    private final List<CaptureView> views = new ArrayList<>();
    private final PropertyChangeListener scaleChanged = e -> moved(e.getSource());
    private final ChangeListener scrolled = e -> moved(((JViewport) e.getSource()).getView());
    private boolean linked = true;
    private boolean moving;

    /** Links exactly {@code linked}; the first leads when they are brought in step. */
    void link(List<CaptureView> linkedViews) {
        ThreadGuard.uiThreadGuard();
        for (CaptureView v : views) {
            v.canvas().removePropertyChangeListener("scale", scaleChanged);
            viewport(v).removeChangeListener(scrolled);
        }
        views.clear();
        views.addAll(linkedViews);
        for (CaptureView v : views) {
            v.canvas().addPropertyChangeListener("scale", scaleChanged);
            viewport(v).addChangeListener(scrolled);
        }
        if (!views.isEmpty()) {
            follow(views.get(0));
        }
    }

    void setLinked(boolean on) {
        linked = on;
        if (on && !views.isEmpty()) {
            follow(views.get(0));
        }
    }

    boolean isLinked() {
        return linked;
    }

    private static JViewport viewport(CaptureView v) {
        return (JViewport) v.canvas().getParent();
    }

    private void moved(Object canvas) {
        for (CaptureView v : views) {
            if (v.canvas() == canvas) {
                follow(v);
                return;
            }
        }
    }

    /** Gives every other view {@code leader}'s scale and the address range it shows. */
    private void follow(CaptureView leader) {
        PageGrid lead = leader.canvas().grid();
        if (!linked || moving || lead == null) {
            return;
        }
        moving = true;
        try {
            double scale = leader.canvas().scale();
            Point at = viewport(leader).getViewPosition();
            for (CaptureView v : views) {
                PageGrid grid = v.canvas().grid();
                if (v == leader || grid == null) {
                    continue;
                }
                if (v.canvas().scale() != scale) {
                    v.canvas().zoomAround(scale, new Point(0, 0));
                }
                v.canvas().scrollTo(viewport(v), positionIn(lead, grid, scale, at));
            }
        } finally {
            moving = false;
        }
    }

    /** Where a view of {@code grid} shows the frames that a view of {@code lead} at {@code at} shows. */
    static Point positionIn(PageGrid lead, PageGrid grid, double scale, Point at) {
        if (lead.width() == grid.width() && lead.framesPerCell() == grid.framesPerCell()) {
            return new Point(at);
        }
        long row = (long) Math.floor(at.y / scale);
        long frame = row * lead.width() * lead.framesPerCell();
        long rowThere = frame / grid.framesPerCell() / grid.width();
        return new Point(at.x, (int) Math.round(rowThere * scale + (at.y - row * scale)));
    }
}
