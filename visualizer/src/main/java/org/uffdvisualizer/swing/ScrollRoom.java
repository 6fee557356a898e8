package org.uffdvisualizer.swing;

import java.awt.Dimension;
import java.awt.Insets;
import java.awt.Rectangle;
import javax.swing.JComponent;
import javax.swing.JScrollPane;
import javax.swing.JViewport;

/** The room a view inside a scroll pane has for zooming, whether or not scroll bars show now. Event Dispatch Thread. */
final class ScrollRoom {

    private ScrollRoom() {
    }

    /** The area {@code view} can use: the scroll pane's inside less its row header, as if it showed no scroll bars. */
    static Rectangle available(JComponent view) {
        if (view.getParent() instanceof JViewport vp) {
            if (vp.getParent() instanceof JScrollPane sp) {
                Insets in = sp.getInsets();
                int header = sp.getRowHeader() == null || sp.getRowHeader().getView() == null ? 0
                        : sp.getRowHeader().getView().getPreferredSize().width;
                return new Rectangle(sp.getWidth() - in.left - in.right - header, sp.getHeight() - in.top - in.bottom);
            }
            return new Rectangle(vp.getExtentSize());
        }
        return view.getVisibleRect();
    }

    /** The width of the vertical and the height of the horizontal scroll bar around {@code view}; none outside a scroll pane. */
    static Dimension bars(JComponent view) {
        if (view.getParent() instanceof JViewport vp && vp.getParent() instanceof JScrollPane sp) {
            return new Dimension(sp.getVerticalScrollBar().getPreferredSize().width,
                    sp.getHorizontalScrollBar().getPreferredSize().height);
        }
        return new Dimension();
    }
}
