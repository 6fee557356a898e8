package org.uffdvisualizer.swing;

import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import javax.swing.JComponent;

/**
 * The What-If dialog's grid: the {@link org.uffdvisualizer.render.PrefetchFateImage} of the chosen
 * strategy, scaled to fit with square cells and nearest-neighbour sampling, like the main grid.
 */
final class FateGridPanel extends JComponent {
    private static final long serialVersionUID = 1L;
    private transient BufferedImage image;

    FateGridPanel() {
        setName("prefetchFates");
        setPreferredSize(new Dimension(420, 300));
    }

    void setImage(BufferedImage image) {
        this.image = image;
        repaint();
    }

    BufferedImage image() {
        return image;
    }

    @Override
    protected void paintComponent(Graphics g) {
        super.paintComponent(g);
        if (image == null) {
            return;
        }
        double scale = Math.min((double) getWidth() / image.getWidth(), (double) getHeight() / image.getHeight());
        Graphics2D g2 = (Graphics2D) g.create();
        g2.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g2.drawImage(image, 0, 0, (int) Math.round(image.getWidth() * scale), (int) Math.round(image.getHeight() * scale),
                null);
        g2.dispose();
    }
}
