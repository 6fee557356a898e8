package org.uffdvisualizer.swing;

import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.util.List;
import javax.swing.JComponent;
import javax.swing.JScrollPane;
import org.uffdvisualizer.render.PageGrid;
import org.uffdvisualizer.render.RowGutter;

/**
 * The address gutter of a compact view: the row header of the grid's scroll pane, so it scrolls
 * up and down with the grid and stays put when the grid is panned sideways. Shown only while the
 * canvas is in compact view ({@link PageGridCanvas#setCompact}). Event Dispatch Thread only.
 */
final class CompactGutter extends JComponent {
    private static final long serialVersionUID = 1L;

    private final PageGridCanvas canvas;
    private transient List<RowGutter.Label> shown = List.of();

    private CompactGutter(PageGridCanvas canvas) {
        this.canvas = canvas;
        setName("compactGutter");
        setOpaque(true);
    }

    /** Shows a gutter beside {@code canvas} in {@code scroll} whenever the canvas is in compact view. */
    static void attach(PageGridCanvas canvas, JScrollPane scroll) {
        CompactGutter gutter = new CompactGutter(canvas);
        Runnable follow = () -> {
            boolean on = canvas.compactRows() != null;
            if (on != (scroll.getRowHeader() != null && scroll.getRowHeader().getView() == gutter)) {
                scroll.setRowHeaderView(on ? gutter : null);
            }
            gutter.revalidate();
            gutter.repaint();
        };
        canvas.addPropertyChangeListener("compactRows", e -> follow.run());
        canvas.addPropertyChangeListener("scale", e -> follow.run());
    }

    /** The labels the last paint drew (rows' tops in canvas pixels), for tests. */
    List<RowGutter.Label> shownLabels() {
        return shown;
    }

    @Override
    public Dimension getPreferredSize() {
        PageGrid grid = canvas.grid();
        if (grid == null) {
            return new Dimension(0, 0);
        }
        return new Dimension(RowGutter.width(getFontMetrics(RowGutter.font()), grid), canvas.getPreferredSize().height);
    }

    @Override
    protected void paintComponent(Graphics g) {
        PageGrid grid = canvas.grid();
        Rectangle clip = g.getClipBounds();
        if (grid == null || clip == null) {
            return;
        }
        Graphics2D g2 = (Graphics2D) g.create();
        try {
            shown = RowGutter.paint(g2, grid, canvas.placement().options(1), 0, getWidth(), clip.y, clip.y + clip.height);
        } finally {
            g2.dispose();
        }
    }
}
