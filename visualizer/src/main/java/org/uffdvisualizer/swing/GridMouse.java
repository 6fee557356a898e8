package org.uffdvisualizer.swing;

import java.awt.Point;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.awt.event.MouseWheelEvent;
import javax.swing.JViewport;

/**
 * The mouse on the page grid (Event Dispatch Thread): drag to pan, click or double-click a cell,
 * wheel to zoom around the pointer (shift+wheel scrolls sideways instead).
 */
final class GridMouse extends MouseAdapter {
    private final PageGridCanvas canvas;
    private Point dragFrom;

    GridMouse(PageGridCanvas canvas) {
        this.canvas = canvas;
    }

    @Override
    public void mousePressed(MouseEvent e) {
        canvas.requestFocusInWindow();
        dragFrom = e.getPoint();
    }

    @Override
    public void mouseReleased(MouseEvent e) {
        dragFrom = null;
    }

    @Override
    public void mouseDragged(MouseEvent e) {
        if (dragFrom != null && canvas.getParent() instanceof JViewport vp) {
            Point pos = vp.getViewPosition();
            pos.translate(dragFrom.x - e.getX(), dragFrom.y - e.getY());
            canvas.scrollTo(vp, pos);
        }
    }

    @Override
    public void mouseClicked(MouseEvent e) {
        long f = canvas.frameAt(e.getPoint());
        if (f >= 0) {
            canvas.cellClicked(f, e.getClickCount());
        }
    }

    @Override
    public void mouseWheelMoved(MouseWheelEvent e) {
        if (e.isShiftDown() || canvas.grid() == null) {
            canvas.getParent().dispatchEvent(e);   // shift+wheel scrolls sideways in the scroll pane
            return;
        }
        double rotation = e.getPreciseWheelRotation();
        canvas.zoomAround(ZoomLevels.next(canvas.scale(), rotation < 0 ? +1 : -1), e.getPoint());
    }
}
